package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.worker.api.KbArticleInput;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.context.RetrievalScope;
import com.aiagents.platform.worker.context.SimilarTicket;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.KbArticleDao;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query expansion through the KB, with the real model on a real database as the worker's role:
 * the retrieval evaluation's history and KB (src/test/resources/retrieval-eval/corpus.txt), and
 * one of its development probes that hybrid retrieval alone answers with another topic's tickets.
 * The tenant's KB article bridges the requester's words to the technicians'; a tenant without
 * that KB, and a ticket of another account than the article's, search exactly as without expansion.
 */
class KbExpansionTest {
    @RegisterExtension
    static TestDatabaseExtension db = new TestDatabaseExtension();

    static final List<ContextSource> SOURCES = List.of(ContextSource.TICKET_HISTORY, ContextSource.KB);
    /** Probe R-MFA-2 of the evaluation corpus: a second sign-in check (MFA), in a requester's words. */
    static final TicketText STOLEN_PHONE = new TicketText("NEW-1", "phone stolen, can't do the second check when logging in",
            "my mobile was stolen at the weekend, I have a replacement with the same number but signing in still wants me "
                    + "to confirm on the old one", "", "");
    static final TenantId WITH_KB = TenantId.of("kbx-with-kb");
    static final TenantId WITHOUT_KB = TenantId.of("kbx-without-kb");
    static final TenantId ACCOUNTS = TenantId.of("kbx-accounts");
    static final TenantId SAME_ACCOUNT = TenantId.of("kbx-same-account");

    static final List<TicketRecord> HISTORY = new ArrayList<>();
    static TenantDatabase database;
    static Embeddings embeddings;

    @BeforeAll
    static void seed() throws Exception {
        var d = db.get();
        database = new TenantDatabase(Jdbi.create(d.jdbcUrl(), d.roleFor(ServiceRole.ENHANCEMENT_WORKER), d.password()));
        embeddings = Embeddings.build(database, new EmbeddingSettings());
        List<TicketRecord> history = HISTORY;
        List<KbArticleInput> kb = new ArrayList<>();
        try (var in = KbExpansionTest.class.getResourceAsStream("/retrieval-eval/corpus.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(" \\| ");
                if (f[0].equals("H")) {
                    history.add(new TicketRecord(f[2], f[3], f[4], f[5], null, null, "Resolved", "seed", null, "Contoso"));
                } else if (f[0].equals("K")) {
                    kb.add(new KbArticleInput(f[2], f[3], f[4], List.of(), "Fabrikam"));
                }
            }
        }
        assertThat(history).hasSize(72);
        assertThat(kb).hasSize(24);
        write(WITH_KB, history, kb);
        write(WITHOUT_KB, history, List.of());
        // an MSP tenant: the history is account Contoso's, the KB account Fabrikam's
        write(ACCOUNTS, history, kb);
        // and one whose KB is Contoso's too
        write(SAME_ACCOUNT, history, kb.stream().map(k -> new KbArticleInput(k.articleId(), k.title(), k.content(), k.tags(),
                "Contoso")).toList());
    }

    static void write(TenantId tenant, List<TicketRecord> history, List<KbArticleInput> kb) {
        database.inTenant(tenant, h -> {
            new TicketHistoryDao().upsert(h, history);
            new KbArticleDao().upsert(h, kb);
            embeddings.writer().articles(h, tenant, kb);
            return embeddings.writer().tickets(h, tenant, history);
        });
    }

    static List<String> top3(TenantId tenant, ContextGatherer gatherer, RetrievalScope scope) {
        return top3(tenant, gatherer, scope, SOURCES);
    }

    static List<String> top3(TenantId tenant, ContextGatherer gatherer, RetrievalScope scope, List<ContextSource> sources) {
        List<String> ids = gatherer.gather(tenant, STOLEN_PHONE, sources, scope).similarTickets().stream()
                .map(SimilarTicket::ticketId).toList();
        return ids.subList(0, Math.min(3, ids.size()));
    }

    static ContextGatherer gatherer(double kbExpansionWeight) {
        EmbeddingSettings settings = new EmbeddingSettings();
        settings.setKbExpansionWeight(kbExpansionWeight);
        SemanticRetrieval base = embeddings.retrieval();
        return new ContextGatherer(database, new ContextSettings(), new SemanticRetrieval(base.embedder(), base.index(), settings));
    }

    @Test
    void theTenantsKbArticleBridgesTheRequestersWordsToTheTechniciansHistory() {
        ContextGatherer defaults = gatherer(new EmbeddingSettings().getKbExpansionWeight());
        ContextGatherer off = gatherer(0.0);

        List<String> without = top3(WITH_KB, off, RetrievalScope.TENANT);
        assertThat(without).as("hybrid retrieval alone: another topic's tickets").noneMatch(id -> id.startsWith("MFA-"));
        assertThat(top3(WITH_KB, defaults, RetrievalScope.TENANT)).hasSize(3).allMatch(id -> id.startsWith("MFA-"));
        // the same history without a KB: nothing to expand with, so exactly the unexpanded answer
        assertThat(top3(WITHOUT_KB, defaults, RetrievalScope.TENANT)).isEqualTo(without);
        // the tenant's KB, but not among the ticket's context sources: nothing expands either
        assertThat(top3(WITH_KB, defaults, RetrievalScope.TENANT, List.of(ContextSource.TICKET_HISTORY))).isEqualTo(without);
    }

    /**
     * The note suggests only the steps of the ticket's own problem: the articles are ranked by the
     * expanded search, and one far below the closest is left out. Before (ranked by the ticket's own
     * vector, every article above 0.2 kept), the third article listed was necessarily another
     * topic's, since this KB has two a topic.
     */
    @Test
    void theNotesSuggestedActionsComeOnlyFromTheTicketsProblem() {
        ContextGatherer defaults = gatherer(new EmbeddingSettings().getKbExpansionWeight());
        List<String> actions = actions(defaults);
        assertThat(actions).isNotEmpty().allSatisfy(action -> assertThat(action).as("an MFA article's step or an MFA ticket's "
                + "resolution").containsPattern("\\(KB KB-MFA-\\d\\)$|^Apply the resolution of MFA-"));
        assertThat(actions).anyMatch(action -> action.contains("(KB KB-MFA-"));

        EmbeddingSettings everyArticle = new EmbeddingSettings();
        everyArticle.setKbMaxBelowBest(1.0);
        SemanticRetrieval base = embeddings.retrieval();
        assertThat(actions(new ContextGatherer(database, new ContextSettings(),
                new SemanticRetrieval(base.embedder(), base.index(), everyArticle))))
                .as("without the rule").anyMatch(action -> action.matches(".*\\(KB KB-(?!MFA)[A-Z]+-\\d\\)$"));
    }

    private static List<String> actions(ContextGatherer gatherer) {
        return new com.aiagents.platform.worker.synthesis.DeterministicSynthesizer().synthesize(STOLEN_PHONE,
                gatherer.gather(WITH_KB, STOLEN_PHONE, SOURCES, RetrievalScope.TENANT)).suggestedActions();
    }

    @Test
    void aTicketFoundThroughTheKbShowsItsOwnCosineWithTheTicket() {
        SentenceEmbedder embedder = embeddings.retrieval().embedder();
        float[] ticket = embedder.search(STOLEN_PHONE.subject(), STOLEN_PHONE.description()).toFloats();
        List<SimilarTicket> found = gatherer(new EmbeddingSettings().getKbExpansionWeight())
                .gather(WITH_KB, STOLEN_PHONE, SOURCES, RetrievalScope.TENANT).similarTickets();
        assertThat(found).isNotEmpty();
        for (SimilarTicket t : found) {
            TicketRecord row = HISTORY.stream().filter(r -> r.ticketId().equals(t.ticketId())).findFirst().orElseThrow();
            float[] other = embedder.ticket(row.subject(), row.description()).toFloats();
            double cosine = 0;
            for (int d = 0; d < ticket.length; d++) {
                cosine += ticket[d] * other[d];
            }
            // `meaning` is what the note prints as "alike in meaning": never the cosine with the expanded search
            assertThat(t.meaning()).as(t.ticketId()).isCloseTo(cosine, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void anotherAccountsArticleNeverExpandsATicketsSearch() {
        ContextGatherer defaults = gatherer(new EmbeddingSettings().getKbExpansionWeight());
        List<String> without = top3(WITHOUT_KB, defaults, RetrievalScope.TENANT);

        // a ticket of account Contoso: the articles are Fabrikam's, invisible to its transaction
        assertThat(top3(ACCOUNTS, defaults, new RetrievalScope(true, "Contoso"))).isEqualTo(without);
        // the tenant scope sees Fabrikam's articles, and they expand the search
        assertThat(top3(ACCOUNTS, defaults, RetrievalScope.TENANT)).allMatch(id -> id.startsWith("MFA-"));
        // and a Contoso ticket is expanded by Contoso's own articles
        assertThat(top3(SAME_ACCOUNT, defaults, new RetrievalScope(true, "Contoso"))).hasSize(3).allMatch(id -> id.startsWith("MFA-"));
    }

    @Test
    void theQueryMovesOnlyTowardsAnEligibleArticleCloseEnough() {
        VectorMatrix kb = new VectorMatrix(4);
        float[] axis = new float[SentenceEmbedder.DIMENSIONS];
        axis[0] = 1f;
        float[] diagonal = new float[SentenceEmbedder.DIMENSIONS];
        diagonal[0] = 0.6f;
        diagonal[1] = 0.8f;
        kb.put("KB-NEAR", QuantizedVector.of(diagonal)); // cosine 0.6 with the query
        QuantizedVector query = QuantizedVector.of(axis);

        assertThat(new KbExpansion(1, 0.7, 2.0).expand(query, kb, id -> true)).as("below min").isSameAs(query);
        assertThat(new KbExpansion(1, 0.5, 0.0).expand(query, kb, id -> true)).as("off").isSameAs(query);
        assertThat(new KbExpansion(1, 0.5, 2.0).expand(query, kb, id -> !id.equals("KB-NEAR"))).as("ineligible").isSameAs(query);
        float[] moved = new KbExpansion(1, 0.5, 2.0).expand(query, kb, id -> true).toFloats();
        // query + 2 * 0.6 * article = (1.72, 0.96), as a unit vector
        assertThat(moved[0]).isCloseTo(0.873f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(moved[1]).isCloseTo(0.487f, org.assertj.core.data.Offset.offset(0.01f));
    }
}
