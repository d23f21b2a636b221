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
import com.aiagents.platform.worker.api.KbArticleInput;
import com.aiagents.platform.worker.db.KbArticleDao;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.semantic.EmbeddingSettings;
import com.aiagents.platform.worker.semantic.Embeddings;
import com.aiagents.platform.worker.semantic.QuantizedVector;
import com.aiagents.platform.worker.semantic.SemanticRetrieval;
import com.aiagents.platform.worker.semantic.SentenceEmbedder;
import com.aiagents.platform.worker.semantic.SentenceModel;
import com.aiagents.platform.worker.synthesis.DeterministicSynthesizer;
import com.aiagents.platform.worker.synthesis.RelatedTicket;
import com.aiagents.platform.worker.synthesis.Synthesis;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The retrieval evaluation: loads the labelled corpus (src/test/resources/retrieval-eval/corpus.txt:
 * topics, resolved history, the tenant's KB articles, probe sets) as one tenant's data per
 * embedding model through the worker's own write path, then for every probe ticket writes the
 * note's content with full-text retrieval only and with hybrid retrieval (the settings before,
 * without KB expansion, the worker's defaults; bge-small-en-v1.5; the defaults with the second
 * writer's KB articles too, records L), in the same run, and prints
 * precision@3 of the related tickets (the share of the first three the note lists that are on the
 * probe's topic; fewer than three listed count as misses) and how often the likely cause comes
 * from a ticket of the right topic, per probe set: P, Q and R, the development sets (the settings
 * were chosen on them); S, U, V and W, held out when they were first evaluated and looked at since;
 * X and Y, held out (each set written by someone who saw only the topics and the history,
 * committed before it was evaluated, and never used to choose anything); sums of each group. Each model's cosines spread differently: another model's bars are set where the
 * worker's model's are by the share of off-topic probe-to-ticket pairs they let through (P and Q
 * only). Then the KB expansion's settings on the development sets, and, unless
 * {@code -Dbench.retrieval.sweep=false}, other models and variants (e5-small-v2, BGE's query
 * instruction, the history embedded with its resolution) and settings, on P and Q.
 * {@code -Dbench.retrieval.sets=P,Q,R} keeps to the sets named. docs/benchmarks.md has the
 * command and the figures.
 */
public final class RetrievalEvaluation {
    static final List<ContextSource> SOURCES = List.of(ContextSource.TICKET_HISTORY, ContextSource.KB);
    static final String FULL_TEXT = "full-text only";
    /** The probe sets, in the order they are printed (those the corpus has). */
    static final List<String> SETS = List.of("P", "Q", "R", "S", "U", "V", "W", "X", "Y");
    static final Map<String, String> SET_NAMES = Map.of("P", "P (tuning)", "Q", "Q (first held-out)",
            "R", "R (second held-out)", "S", "S (held-out, written before the KB expansion)",
            "U", "U (held-out, written after it)", "V", "V (held-out, written after a failed variant)",
            "W", "W (held-out, written before the passages)", "X", "X (held-out, written 2026-12-06 10:00)",
            "Y", "Y (held-out, written beside X)");
    /** The development sets: the KB expansion's settings were chosen on these, never on S, U or V. */
    static final List<String> DEVELOPMENT = List.of("P", "Q", "R");
    /** Written blind and evaluated once each, then looked at: S, U and V judged the expansion by whole articles, W the passages. */
    static final List<String> SEEN_HELD_OUT = List.of("S", "U", "V", "W");
    /** Held out from every choice so far: the figure the target is judged by. */
    static final List<String> HELD_OUT = List.of("X", "Y");
    /** Every set written blind to the worker's defaults (the passages): W as well as X and Y. */
    static final List<String> BLIND_TO_DEFAULTS = List.of("W", "X", "Y");
    /** The groups of sets summed in the tables, those with a set present. */
    static final List<List<String>> GROUPS = List.of(DEVELOPMENT, SEEN_HELD_OUT, HELD_OUT, BLIND_TO_DEFAULTS);

    /**
     * bge-small-en-v1.5 (quantized): ticket to ticket is a symmetric task, for which its model card
     * needs no instruction. Its cosines are compressed (unrelated texts ~0.53 on this corpus), so
     * the bars and the neighbours' weights are taken on its own scale.
     */
    static final SentenceModel BGE = new SentenceModel("bge-small-en-v1.5-q", BgeSmallEnV15QuantizedEmbeddingModel::new,
            "", "", "", 0.53);
    /** e5-small-v2 as its model card says: "query: " on both sides of a symmetric task, "passage: " for documents. */
    static final SentenceModel E5 = new SentenceModel("e5-small-v2-q", E5SmallV2QuantizedEmbeddingModel::new,
            "query: ", "query: ", "passage: ", 0.80);
    /** bge-small-en-v1.5 with its instruction for a short query searching passages, on the new ticket only. */
    static final SentenceModel BGE_INSTRUCTED = new SentenceModel("bge-small-en-v1.5-q",
            BgeSmallEnV15QuantizedEmbeddingModel::new, "", "Represent this sentence for searching relevant passages: ", "", 0.48);

    record Probe(String topic, TicketText ticket) {
    }

    /**
     * {@code byProbe}: each probe's related tickets on topic, of its first three; {@code actions}:
     * the suggested actions taken from an article or a ticket, {@code offTopicActions} those of
     * another topic, {@code offTopicNotes} the probes with at least one.
     */
    record Score(double precisionAt3, double rightCause, int right, int probes, Map<String, Integer> byProbe,
                 int actions, int offTopicActions, int offTopicNotes) {
        static Score of(List<Score> parts) {
            int right = parts.stream().mapToInt(Score::right).sum();
            int n = parts.stream().mapToInt(Score::probes).sum();
            double causes = parts.stream().mapToDouble(s -> s.rightCause() * s.probes()).sum();
            Map<String, Integer> byProbe = new LinkedHashMap<>();
            parts.forEach(s -> byProbe.putAll(s.byProbe()));
            return new Score(n == 0 ? 0 : right / (3.0 * n), n == 0 ? 0 : causes / n, right, n, byProbe,
                    parts.stream().mapToInt(Score::actions).sum(), parts.stream().mapToInt(Score::offTopicActions).sum(),
                    parts.stream().mapToInt(Score::offTopicNotes).sum());
        }
    }

    /** Where a deterministic note's action comes from: "... (KB id)" or "Apply the resolution of id: ...". */
    private static final java.util.regex.Pattern ACTION_SOURCE =
            java.util.regex.Pattern.compile("\\(KB ([^)]+)\\)$|^Apply the resolution of ([^:]+):");

    /** A model loaded into its own tenant, with the settings its hybrid retrieval runs with. */
    record Loaded(String label, TenantId tenant, Embeddings embeddings, EmbeddingSettings settings, List<TicketRecord> history) {
    }

    /** The tenant's KB: the corpus's K records, loaded with every model's history. */
    static final List<KbArticleInput> KB = new ArrayList<>();
    /** A second writer's articles (records L, two more a topic), loaded only by the row that names them. */
    static final List<KbArticleInput> MORE_KB = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> topicOf = new HashMap<>();
        List<TicketRecord> history = new ArrayList<>();
        Map<String, List<Probe>> sets = new LinkedHashMap<>();
        read(topicOf, history, sets);
        // -Dbench.retrieval.sets=P,Q,R: only these probe sets (the development runs leave S out unseen)
        String only = System.getProperty("bench.retrieval.sets", "");
        if (!only.isBlank()) {
            List<String> wanted = Arrays.stream(only.split(",")).map(String::strip).toList();
            if (!SETS.containsAll(wanted)) {
                throw new IllegalArgumentException("bench.retrieval.sets: the probe sets are " + SETS + "; got " + wanted);
            }
            sets.keySet().retainAll(wanted);
        }
        boolean sweep = Boolean.parseBoolean(System.getProperty("bench.retrieval.sweep", "true"));
        try (TestDatabase db = TestDatabase.createMigrated()) {
            TenantDatabase database = new TenantDatabase(Jdbi.create(db.jdbcUrl(),
                    db.roleFor(ServiceRole.ENHANCEMENT_WORKER), db.password()));
            System.out.printf(Locale.ROOT, "corpus: %d topics, %d resolved tickets, %d KB articles, probes: %s%n",
                    topicOf.values().stream().distinct().count(), history.size(), KB.size(),
                    sets.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size()).toList());
            List<Loaded> models = new ArrayList<>();
            // the worker's model: the settings before, then the defaults
            models.add(load(database, "all-MiniLM-L6-v2, before", SentenceModel.DEFAULT, history,
                    settings(s -> {
                        s.setNeighbourhoodSteps(1);
                        s.setKbExpansionWeight(0.0);
                    })));
            models.add(new Loaded("all-MiniLM-L6-v2, no KB expansion", models.get(0).tenant(), models.get(0).embeddings(),
                    settings(s -> s.setKbExpansionWeight(0.0)), history));
            models.add(new Loaded("all-MiniLM-L6-v2, KB expansion by whole articles", models.get(0).tenant(),
                    models.get(0).embeddings(), settings(s -> s.setKbExpansionPassages(false)), history));
            models.add(new Loaded("all-MiniLM-L6-v2, the defaults", models.get(0).tenant(), models.get(0).embeddings(),
                    new EmbeddingSettings(), history));
            models.add(load(database, "bge-small-en-v1.5", BGE, history, new EmbeddingSettings()));
            if (!MORE_KB.isEmpty()) {
                List<KbArticleInput> both = new ArrayList<>(KB);
                both.addAll(MORE_KB);
                models.add(load(database, "all-MiniLM-L6-v2, the defaults, " + both.size() + " KB articles (K and L)",
                        SentenceModel.DEFAULT, history, new EmbeddingSettings(), both));
            }
            if (sweep) {
                models.add(load(database, "all-MiniLM-L6-v2, rescaled (unrelated 0.09)", new SentenceModel("minilm-rescaled",
                        AllMiniLmL6V2QuantizedEmbeddingModel::new, "", "", "", 0.09), history, new EmbeddingSettings()));
                models.add(load(database, "e5-small-v2", E5, history, new EmbeddingSettings()));
                models.add(load(database, "bge-small-en-v1.5, query instruction", BGE_INSTRUCTED, history, new EmbeddingSettings()));
                // the history side embedded with its resolution (an approximation: the resolution is
                // appended to the description, so full text weighs it as description, B, not C)
                List<TicketRecord> withResolution = history.stream().map(t -> new TicketRecord(t.ticketId(), t.subject(),
                        t.description() + "\n" + t.resolution(), t.resolution(), null, null, "Resolved", "seed", null)).toList();
                models.add(load(database, "bge-small-en-v1.5, history with resolution", new SentenceModel("bge-res",
                        BgeSmallEnV15QuantizedEmbeddingModel::new, "", "", "", 0.52), withResolution, new EmbeddingSettings()));
                models.add(load(database, "all-MiniLM-L6-v2, history with resolution", new SentenceModel("minilm-res",
                        AllMiniLmL6V2QuantizedEmbeddingModel::new, "", "", "", 0.0), withResolution, new EmbeddingSettings()));
            }
            double[] reference = null;
            for (Loaded m : models) {
                if (m.embeddings() != models.get(0).embeddings() || m == models.get(0)) { // the same vectors as the first
                    reference = spread(m, m.history(), sets, topicOf, reference);
                }
            }

            Map<String, ContextGatherer> variants = new LinkedHashMap<>();
            Map<String, TenantId> tenantOf = new HashMap<>();
            variants.put(FULL_TEXT, new ContextGatherer(database, new ContextSettings()));
            tenantOf.put(FULL_TEXT, models.get(0).tenant());
            for (Loaded m : models) {
                String name = "hybrid, " + m.label();
                variants.put(name, gatherer(database, m, m.settings()));
                tenantOf.put(name, m.tenant());
            }
            Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
            variants.forEach((name, gatherer) -> scores.put(name, evaluateSets(name, gatherer, tenantOf.get(name), sets, topicOf)));
            table(scores, sets);
            unlikeTheHistory(scores, sets);
            actionsTable(scores, sets);

            // KB expansion's settings, on the development sets only (never S, U or V)
            Map<String, List<Probe>> dev = new LinkedHashMap<>(sets);
            dev.keySet().retainAll(DEVELOPMENT);

            // how close an article must be to be in the context (listed, its steps suggested), on the development sets
            Map<String, Map<String, Score>> kbBars = new LinkedHashMap<>();
            for (double bar : new double[] {0.2, 0.4}) {
                for (double below : new double[] {1.0, 0.2, 0.15, 0.1, 0.05}) {
                    String name = String.format(Locale.ROOT, "kbMinSimilarity %.2f, kbMaxBelowBest %.2f", bar, below);
                    kbBars.put(name, evaluateSets(name, gatherer(database, models.get(0), settings(s -> {
                        s.setKbMinSimilarity(bar);
                        s.setKbMaxBelowBest(below);
                    })), models.get(0).tenant(), dev, topicOf));
                }
            }
            actionsTable(kbBars, dev);
            Map<String, Map<String, Score>> expansions = new LinkedHashMap<>();
            for (int articles : new int[] {1, 2, 3}) {
                for (double min : new double[] {0.2, 0.25, 0.3, 0.35}) {
                    for (double weight : new double[] {1.0, 2.0, 4.0}) {
                        String name = String.format(Locale.ROOT, "KB expansion: %d article(s), min %.2f, weight %.1f",
                                articles, min, weight);
                        expansions.put(name, evaluateSets(name, gatherer(database, models.get(0), settings(s -> {
                            s.setKbExpansionPassages(false); // as the settings were chosen: by whole articles
                            s.setKbExpansionArticles(articles);
                            s.setKbExpansionMinSimilarity(min);
                            s.setKbExpansionWeight(weight);
                        })), models.get(0).tenant(), dev, topicOf));
                    }
                }
            }
            table(expansions, dev);

            if (sweep) {
                // the worker's model with other settings, on the development sets (P and Q)
                dev.remove("R");
                Loaded minilm = models.get(3);
                Map<String, Map<String, Score>> swept = new LinkedHashMap<>();
                for (Loaded m : models) {
                    String name = m.label() + ": semantic only, no re-rank";
                    swept.put(name, evaluateSets(name, gatherer(database, m, settings(s -> {
                        s.setMinSimilarity(m.settings().getMinSimilarity());
                        s.setFullTextMinSimilarity(2.0);
                        s.setFeedbackWeight(0.0);
                        s.setNeighbourhoodWeight(0.0);
                    })), m.tenant(), dev, topicOf));
                    name = m.label() + ": semantic only, re-ranked";
                    swept.put(name, evaluateSets(name, gatherer(database, m, settings(s -> {
                        s.setMinSimilarity(m.settings().getMinSimilarity());
                        s.setFullTextMinSimilarity(2.0);
                        s.setNeighbourhoodSteps(m.settings().getNeighbourhoodSteps());
                    })), m.tenant(), dev, topicOf));
                }
                // the regularisation's weight, one step against its fixed point, and a stronger feedback
                for (int steps : new int[] {1, 100}) {
                    for (double neighbourhood : new double[] {0.5, 0.7, 0.85}) {
                        String name = String.format(Locale.ROOT, "%s, neighbourhoodWeight %.2f, neighbourhoodSteps %d",
                                minilm.label(), neighbourhood, steps);
                        swept.put(name, evaluateSets(name, gatherer(database, minilm, settings(s -> {
                            s.setNeighbourhoodWeight(neighbourhood);
                            s.setNeighbourhoodSteps(steps);
                        })), minilm.tenant(), dev, topicOf));
                    }
                    String name = String.format(Locale.ROOT, "%s, feedbackWeight 2.0, neighbourhoodSteps %d", minilm.label(), steps);
                    swept.put(name, evaluateSets(name, gatherer(database, minilm, settings(s -> {
                        s.setFeedbackWeight(2.0);
                        s.setNeighbourhoodSteps(steps);
                    })), minilm.tenant(), dev, topicOf));
                }
                table(swept, dev);
            }
            models.forEach(m -> m.embeddings().backfill().close());
        }
    }

    static EmbeddingSettings settings(Consumer<EmbeddingSettings> change) {
        EmbeddingSettings settings = new EmbeddingSettings();
        change.accept(settings);
        return settings;
    }

    static ContextGatherer gatherer(TenantDatabase database, Loaded m, EmbeddingSettings settings) {
        SemanticRetrieval base = m.embeddings().retrieval();
        return new ContextGatherer(database, new ContextSettings(), new SemanticRetrieval(base.embedder(), base.index(), settings));
    }

    /** The corpus as a tenant of its own for {@code model}; prints what loading the model and embedding cost. */
    static Loaded load(TenantDatabase database, String label, SentenceModel model, List<TicketRecord> history,
                       EmbeddingSettings settings) {
        return load(database, label, model, history, settings, KB);
    }

    static Loaded load(TenantDatabase database, String label, SentenceModel model, List<TicketRecord> history,
                       EmbeddingSettings settings, List<KbArticleInput> kb) {
        Embeddings embeddings = Embeddings.build(database, settings, new SentenceEmbedder(model));
        long start = System.nanoTime();
        embeddings.retrieval().embedder().loadModel();
        double loadMs = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        embeddings.writer().prepare(history); // the 72 tickets embedded, outside any transaction
        double perTicketMs = (System.nanoTime() - start) / 1e6 / history.size();
        String slug = ("eval-" + label.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT));
        TenantId tenant = TenantId.of(slug.substring(0, Math.min(50, slug.length())).replaceAll("-+$", ""));
        database.inTenant(tenant, h -> {
            new TicketHistoryDao().upsert(h, history);
            new KbArticleDao().upsert(h, kb);
            embeddings.writer().articles(h, tenant, kb);
            return embeddings.writer().tickets(h, tenant, history);
        });
        System.out.printf(Locale.ROOT, "model %s: loaded in %.0f ms, %.1f ms per history ticket (mean of %d, one thread)%n",
                label, loadMs, perTicketMs, history.size());
        return new Loaded(label, tenant, embeddings, settings, history);
    }

    /**
     * How the model's cosines between probes and history tickets spread, on topic and off: the
     * thresholds are cosines, and each model has its own scale.
     */
    static double[] spread(Loaded m, List<TicketRecord> history, Map<String, List<Probe>> sets, Map<String, String> topicOf,
                           double[] reference) {
        SentenceEmbedder embedder = m.embeddings().retrieval().embedder();
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (Map.Entry<String, List<Probe>> set : sets.entrySet()) {
            if (!set.getKey().equals("P") && !set.getKey().equals("Q")) {
                continue;
            }
            for (Probe p : set.getValue()) {
                float[] q = embedder.search(p.ticket().subject(), p.ticket().description()).toFloats();
                for (TicketRecord t : history) {
                    float[] v = embedder.ticket(t.subject(), t.description()).toFloats();
                    double c = 0;
                    for (int i = 0; i < q.length; i++) {
                        c += q[i] * v[i];
                    }
                    (p.topic().equals(topicOf.get(t.ticketId())) ? on : off).add(c);
                }
            }
        }
        System.out.printf(Locale.ROOT, "model %s: probe-to-history cosines (P and Q), on topic %s; off topic %s%n", m.label(),
                quantiles(on), quantiles(off));
        // the first model's bars (minSimilarity, fullTextMinSimilarity) as shares of off-topic pairs
        // at or above them, and the cosine with the same share for each model
        double[] shares = reference != null ? reference : new double[] {
            share(off, m.settings().getMinSimilarity()), share(off, m.settings().getFullTextMinSimilarity())};
        double[] sorted = off.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] bars = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            double raw = sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.round((1 - shares[i]) * sorted.length)))];
            // on the model's own scale, as the settings are read
            double unrelated = embedder.model().unrelated();
            bars[i] = Math.round(100 * (raw - unrelated) / (1 - unrelated)) / 100.0;
            System.out.printf(Locale.ROOT, "model %s: %.1f%% of off-topic pairs reach cosine %.3f (%.2f on its scale)%n",
                    m.label(), 100 * shares[i], raw, bars[i]);
        }
        if (reference != null) {
            // another model: its bars where the first model's are, by the share of off-topic pairs they let through
            m.settings().setMinSimilarity(bars[0]);
            m.settings().setFullTextMinSimilarity(bars[1]);
            System.out.printf(Locale.ROOT, "model %s: minSimilarity %.2f, fullTextMinSimilarity %.2f%n", m.label(), bars[0], bars[1]);
        }
        return shares;
    }

    static double share(List<Double> values, double bar) {
        return values.stream().filter(c -> c >= bar).count() / (double) values.size();
    }

    static String quantiles(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        StringBuilder out = new StringBuilder();
        for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99}) {
            out.append(String.format(Locale.ROOT, "p%.0f %.3f ", q * 100, v[(int) Math.min(v.length - 1, Math.floor(q * v.length))]));
        }
        return out.toString().strip();
    }

    static void table(Map<String, Map<String, Score>> scores, Map<String, List<Probe>> sets) {
        List<String> present = new ArrayList<>(sets.keySet());
        StringBuilder head = new StringBuilder("| retrieval |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String set : present) {
            head.append(String.format(Locale.ROOT, " %s, %d probes: precision@3 | likely cause on topic |",
                    SET_NAMES.get(set), sets.get(set).size()));
            rule.append("---:|---:|");
        }
        List<List<String>> groups = groups(present);
        for (List<String> group : groups) {
            if (group.size() > 1) {
                head.append(String.format(Locale.ROOT, " %s: precision@3 | related on topic, of 3 x probes |", String.join("+", group)));
                rule.append("---:|---:|");
            }
        }
        System.out.printf(Locale.ROOT, "%n%s%n%s%n", head, rule);
        scores.forEach((name, byset) -> {
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (String set : present) {
                Score s = byset.get(set);
                row.append(String.format(Locale.ROOT, " %.3f | %.2f |", s.precisionAt3(), s.rightCause()));
            }
            for (List<String> group : groups) {
                if (group.size() > 1) {
                    Score all = Score.of(group.stream().map(byset::get).toList());
                    row.append(String.format(Locale.ROOT, " %.3f | %d of %d |", all.precisionAt3(), all.right(), 3 * all.probes()));
                }
            }
            System.out.println(row);
        });
    }

    /** {@link #GROUPS}, each kept to the sets present, those with more than one set (a single set has its own column). */
    static List<List<String>> groups(List<String> present) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : GROUPS) {
            List<String> in = present.stream().filter(g::contains).toList();
            if (in.size() > 1) {
                out.add(in);
            }
        }
        return out;
    }

    /** The suggested actions: how many come from another topic's article or ticket, per group of sets. */
    static void actionsTable(Map<String, Map<String, Score>> scores, Map<String, List<Probe>> sets) {
        List<String> present = new ArrayList<>(sets.keySet());
        List<List<String>> groups = groups(present);
        StringBuilder head = new StringBuilder("| retrieval: suggested actions |");
        StringBuilder rule = new StringBuilder("|---|");
        for (List<String> g : groups) {
            head.append(String.format(Locale.ROOT, " %s: actions from another topic | notes with one |", String.join("+", g)));
            rule.append("---:|---:|");
        }
        System.out.printf(Locale.ROOT, "%n%s%n%s%n", head, rule);
        scores.forEach((name, byset) -> {
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (List<String> g : groups) {
                Score all = Score.of(g.stream().map(byset::get).toList());
                row.append(String.format(Locale.ROOT, " %d of %d | %d of %d |", all.offTopicActions(), all.actions(),
                        all.offTopicNotes(), all.probes()));
            }
            System.out.println(row);
        });
    }

    /**
     * The same variants on the probes worded furthest from the history by one measure: those whose
     * first three related tickets with full text only include none on the probe's topic.
     */
    static void unlikeTheHistory(Map<String, Map<String, Score>> scores, Map<String, List<Probe>> sets) {
        Map<String, Score> fullText = scores.get(FULL_TEXT);
        List<String> present = new ArrayList<>(sets.keySet());
        List<List<String>> groups = groups(present);
        StringBuilder head = new StringBuilder("| retrieval, on the probes full text finds nothing for |");
        StringBuilder rule = new StringBuilder("|---|");
        List<List<String>> probesOf = new ArrayList<>();
        for (List<String> group : groups) {
            if (!group.isEmpty()) {
                List<String> none = Score.of(group.stream().map(fullText::get).toList()).byProbe().entrySet().stream()
                        .filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
                probesOf.add(none);
                head.append(String.format(Locale.ROOT, " %s: %d of %d probes, precision@3 |", String.join("+", group),
                        none.size(), Score.of(group.stream().map(fullText::get).toList()).probes()));
                rule.append("---:|");
            }
        }
        System.out.printf(Locale.ROOT, "%n%s%n%s%n", head, rule);
        scores.forEach((name, byset) -> {
            StringBuilder row = new StringBuilder("| " + name + " |");
            Map<String, Integer> all = Score.of(List.copyOf(byset.values())).byProbe();
            for (List<String> none : probesOf) {
                row.append(String.format(Locale.ROOT, " %.3f |",
                        none.isEmpty() ? 0.0 : none.stream().mapToInt(all::get).sum() / (3.0 * none.size())));
            }
            System.out.println(row);
        });
    }

    static Map<String, Score> evaluateSets(String name, ContextGatherer gatherer, TenantId tenant,
                                           Map<String, List<Probe>> sets, Map<String, String> topicOf) {
        Map<String, Score> out = new LinkedHashMap<>();
        sets.forEach((set, probes) -> out.put(set, evaluate(name + " [" + set + "]", gatherer, tenant, probes, topicOf)));
        return out;
    }

    static Score evaluate(String name, ContextGatherer gatherer, TenantId tenant, List<Probe> probes,
                          Map<String, String> topicOf) {
        DeterministicSynthesizer synthesizer = new DeterministicSynthesizer();
        long started = System.nanoTime();
        int hits = 0;
        int causes = 0;
        int actions = 0;
        int offTopicActions = 0;
        int offTopicNotes = 0;
        Map<String, Integer> byProbe = new LinkedHashMap<>();
        for (Probe p : probes) {
            RetrievedContext context = gatherer.gather(tenant, p.ticket(), SOURCES);
            Synthesis note = synthesizer.synthesize(p.ticket(), context);
            List<RelatedTicket> top = note.relatedTickets().subList(0, Math.min(3, note.relatedTickets().size()));
            long right = top.stream().filter(t -> p.topic().equals(topicOf.get(t.ticketId()))).count();
            hits += (int) right;
            byProbe.put(p.ticket().ticketId(), (int) right);
            int offTopic = 0;
            for (String action : note.suggestedActions()) {
                java.util.regex.Matcher m = ACTION_SOURCE.matcher(action);
                if (m.find()) {
                    actions++;
                    offTopic += p.topic().equals(topicOf.get(m.group(1) != null ? m.group(1) : m.group(2))) ? 0 : 1;
                }
            }
            offTopicActions += offTopic;
            offTopicNotes += offTopic > 0 ? 1 : 0;
            boolean cause = !context.similarTickets().isEmpty()
                    && p.topic().equals(topicOf.get(context.similarTickets().get(0).ticketId()));
            causes += cause ? 1 : 0;
            String article = context.kbArticles().isEmpty() ? "-" : context.kbArticles().get(0).articleId();
            System.out.printf(Locale.ROOT, "%-70s %-11s %d/3 cause=%-5s kb=%-10s %s%n", name, p.ticket().ticketId(), right,
                    cause, article, top.stream().map(RelatedTicket::ticketId).toList());
        }
        int n = probes.size();
        System.out.printf(Locale.ROOT, "%s: %.1f ms per probe (context and note, one thread)%n", name,
                (System.nanoTime() - started) / 1e6 / Math.max(1, n));
        return new Score(n == 0 ? 0 : hits / (3.0 * n), n == 0 ? 0 : (double) causes / n, hits, n, byProbe,
                actions, offTopicActions, offTopicNotes);
    }

    /** The corpus: T (topics), H (resolved history), K (KB articles) and the probe sets ({@link #SETS}, same fields). */
    static void read(Map<String, String> topicOf, List<TicketRecord> history, Map<String, List<Probe>> sets)
            throws Exception {
        Map<String, List<Probe>> found = new HashMap<>();
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
                    case "K" -> {
                        topicOf.put(f[2], f[1]);
                        KB.add(new KbArticleInput(f[2], f[3], f[4], List.of(), null));
                    }
                    case "L" -> {
                        topicOf.put(f[2], f[1]);
                        MORE_KB.add(new KbArticleInput(f[2], f[3], f[4], List.of(), null));
                    }
                    case "T" -> { }
                    default -> {
                        if (!SETS.contains(f[0])) {
                            throw new IllegalArgumentException("unknown record: " + line);
                        }
                        found.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Probe(f[1], new TicketText(f[2], f[3], f[4], "", "")));
                    }
                }
            }
        }
        for (String set : SETS) {
            if (found.containsKey(set)) {
                sets.put(set, found.get(set));
            }
        }
        // P and Q are the development set: both must be there (R is optional)
        if (!sets.containsKey("P") || !sets.containsKey("Q")) {
            throw new IllegalStateException("the corpus needs P and Q probes; found " + Arrays.toString(sets.keySet().toArray()));
        }
    }
}
