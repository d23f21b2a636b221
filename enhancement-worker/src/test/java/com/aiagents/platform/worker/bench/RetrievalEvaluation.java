package com.aiagents.platform.worker.bench;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.semantic.EmbeddingSettings;
import com.aiagents.platform.worker.semantic.Embeddings;
import com.aiagents.platform.worker.semantic.SemanticRetrieval;
import com.aiagents.platform.worker.synthesis.DeterministicSynthesizer;
import com.aiagents.platform.worker.synthesis.RelatedTicket;
import com.aiagents.platform.worker.synthesis.Synthesis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The retrieval evaluation: loads the labelled corpus (src/test/resources/retrieval-eval/corpus.txt)
 * as one tenant's history through the worker's own write path, then for every probe ticket writes
 * the note's content with full-text retrieval only and with hybrid retrieval, in the same run, and
 * prints precision@3 of the related tickets (the share of the first three the note lists that are
 * on the probe's topic; fewer than three listed count as misses) and how often the likely cause
 * comes from a ticket of the right topic, on the tuning probes (P, the ones the defaults were chosen
 * on) and on held-out probes (Q, written afterwards and never used to choose anything), then the
 * sweep of settings on the tuning probes ({@code -Dbench.retrieval.sweep=false} skips it).
 * docs/benchmarks.md has the command and the figures.
 */
public final class RetrievalEvaluation {
    static final List<ContextSource> SOURCES = List.of(ContextSource.TICKET_HISTORY, ContextSource.KB);

    record Probe(String topic, TicketText ticket) {
    }

    record Score(double precisionAt3, double rightCause) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> topicOf = new HashMap<>();
        List<TicketRecord> history = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        List<Probe> heldOut = new ArrayList<>();
        read(topicOf, history, probes, heldOut);
        try (TestDatabase db = TestDatabase.createMigrated()) {
            TenantDatabase database = new TenantDatabase(Jdbi.create(db.jdbcUrl(),
                    db.roleFor(ServiceRole.ENHANCEMENT_WORKER), db.password()));
            Embeddings embeddings = Embeddings.build(database, new EmbeddingSettings());
            TenantId tenant = TenantId.of("eval-tenant");
            database.inTenant(tenant, h -> {
                new TicketHistoryDao().upsert(h, history);
                return embeddings.writer().tickets(h, tenant, history);
            });
            System.out.printf(Locale.ROOT, "corpus: %d topics, %d resolved tickets, %d tuning probes, %d held-out probes%n",
                    topicOf.values().stream().distinct().count(), history.size(), probes.size(), heldOut.size());
            Map<String, ContextGatherer> variants = new LinkedHashMap<>();
            variants.put("full-text only", new ContextGatherer(database, new ContextSettings()));
            variants.put("hybrid (the defaults)", new ContextGatherer(database, new ContextSettings(), embeddings.retrieval()));
            // full text against hybrid on both probe sets: the held-out ones were never used to choose a setting
            Map<String, Score[]> both = new LinkedHashMap<>();
            variants.forEach((name, gatherer) -> both.put(name, new Score[] {
                evaluate(name + " [tuning]", gatherer, tenant, probes, topicOf),
                evaluate(name + " [held-out]", gatherer, tenant, heldOut, topicOf)}));
            System.out.printf(Locale.ROOT, "%n| retrieval | tuning probes (%d): precision@3 | likely cause on topic | "
                    + "held-out probes (%d): precision@3 | likely cause on topic |%n", probes.size(), heldOut.size());
            System.out.printf(Locale.ROOT, "|---|---:|---:|---:|---:|%n");
            both.forEach((name, s) -> System.out.printf(Locale.ROOT, "| %s | %.3f | %.2f | %.3f | %.2f |%n", name,
                    s[0].precisionAt3(), s[0].rightCause(), s[1].precisionAt3(), s[1].rightCause()));
            if (!Boolean.parseBoolean(System.getProperty("bench.retrieval.sweep", "true"))) {
                embeddings.backfill().close();
                return;
            }
            // the sweep the defaults were chosen from (tuning probes only), and the semantic ranking alone
            for (double textMin : new double[] {0.4, 0.5}) {
                for (double neighbourhood : new double[] {0.0, 0.5, 0.7}) {
                    for (double feedback : new double[] {0.0, 1.0}) {
                        variants.put(String.format(Locale.ROOT,
                                "hybrid, fullTextMinSimilarity %.1f, feedbackWeight %.1f, neighbourhoodWeight %.1f",
                                textMin, feedback, neighbourhood), variant(database, embeddings, textMin, feedback, neighbourhood));
                    }
                }
            }
            variants.put("hybrid, semanticWeight 2.0 (others the defaults)", variant(database, embeddings, 0.5, 1.0, 0.7, 2.0));
            for (double textMin : new double[] {0.3, 0.6}) {
                variants.put(String.format(Locale.ROOT, "hybrid, fullTextMinSimilarity %.1f (others the defaults)", textMin),
                        variant(database, embeddings, textMin, 1.0, 0.7));
            }
            variants.put("semantic only, feedbackWeight 1.0, neighbourhoodWeight 0.0", variant(database, embeddings, 2.0, 1.0, 0.0));
            variants.put("semantic only, feedbackWeight 1.0, neighbourhoodWeight 0.7", variant(database, embeddings, 2.0, 1.0, 0.7));
            Map<String, Score> scores = new LinkedHashMap<>();
            variants.forEach((name, gatherer) -> scores.put(name, evaluate(name, gatherer, tenant, probes, topicOf)));
            System.out.printf(Locale.ROOT, "%n| retrieval | precision@3 (related tickets) | related tickets on topic, of 3 x %d | likely cause on the right topic |%n", probes.size());
            System.out.printf(Locale.ROOT, "|---|---:|---:|---:|%n");
            scores.forEach((name, s) -> System.out.printf(Locale.ROOT, "| %s | %.3f | %d | %.2f |%n", name,
                    s.precisionAt3(), Math.round(s.precisionAt3() * 3 * probes.size()), s.rightCause()));
            embeddings.backfill().close();
        }
    }

    static ContextGatherer variant(TenantDatabase database, Embeddings embeddings, double textMin, double feedback,
                                   double neighbourhood) {
        return variant(database, embeddings, textMin, feedback, neighbourhood, new EmbeddingSettings().getSemanticWeight());
    }

    static ContextGatherer variant(TenantDatabase database, Embeddings embeddings, double textMin, double feedback,
                                   double neighbourhood, double semanticWeight) {
        EmbeddingSettings settings = new EmbeddingSettings();
        settings.setSemanticWeight(semanticWeight);
        settings.setFeedbackWeight(feedback);
        settings.setFullTextMinSimilarity(textMin);
        settings.setNeighbourhoodWeight(neighbourhood);
        SemanticRetrieval base = embeddings.retrieval();
        return new ContextGatherer(database, new ContextSettings(),
                new SemanticRetrieval(base.embedder(), base.index(), settings));
    }

    static Score evaluate(String name, ContextGatherer gatherer, TenantId tenant, List<Probe> probes,
                          Map<String, String> topicOf) {
        DeterministicSynthesizer synthesizer = new DeterministicSynthesizer();
        double hits = 0;
        int causes = 0;
        for (Probe p : probes) {
            RetrievedContext context = gatherer.gather(tenant, p.ticket(), SOURCES);
            Synthesis note = synthesizer.synthesize(p.ticket(), context);
            List<RelatedTicket> top = note.relatedTickets().subList(0, Math.min(3, note.relatedTickets().size()));
            long right = top.stream().filter(t -> p.topic().equals(topicOf.get(t.ticketId()))).count();
            hits += right / 3.0;
            boolean cause = !context.similarTickets().isEmpty()
                    && p.topic().equals(topicOf.get(context.similarTickets().get(0).ticketId()));
            causes += cause ? 1 : 0;
            System.out.printf(Locale.ROOT, "%-60s %-11s %d/3 cause=%-5s %s%n", name, p.ticket().ticketId(), right, cause,
                    top.stream().map(RelatedTicket::ticketId).toList());
        }
        return new Score(hits / probes.size(), (double) causes / probes.size());
    }

    static void read(Map<String, String> topicOf, List<TicketRecord> history, List<Probe> probes, List<Probe> heldOut)
            throws Exception {
        try (var in = RetrievalEvaluation.class.getResourceAsStream("/retrieval-eval/corpus.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ");
                switch (f[0]) {
                    case "H" -> {
                        topicOf.put(f[2], f[1]);
                        history.add(new TicketRecord(f[2], f[3], f[4], f[5], null, null, "Resolved", "seed", null));
                    }
                    case "P" -> probes.add(new Probe(f[1], new TicketText(f[2], f[3], f[4], "", "")));
                    case "Q" -> heldOut.add(new Probe(f[1], new TicketText(f[2], f[3], f[4], "", "")));
                    case "T" -> { }
                    default -> throw new IllegalArgumentException("unknown record: " + line);
                }
            }
        }
    }
}
