package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hybrid retrieval on a real, migrated database as the worker's own runtime role, with the real
 * model: a ticket in the requester's words finds the resolved ticket full-text search misses, and
 * a tenant's vectors never bring back another tenant's ticket, however alike.
 */
class HybridRetrievalTest {
    @RegisterExtension
    static TestDatabaseExtension db = new TestDatabaseExtension();

    static final TenantId A = TenantId.of("hybrid-a");
    static final TenantId B = TenantId.of("hybrid-b");
    static final List<ContextSource> HISTORY = List.of(ContextSource.TICKET_HISTORY, ContextSource.KB);
    /** The requester's words: not one content word in common with A-MAIL's text. */
    static final TicketText PARAPHRASE = new TicketText("NEW-1", "my email program won't load new mail",
            "the website version works fine in the browser", "", "");

    static TenantDatabase database;
    static Embeddings embeddings;
    static final TicketHistoryDao tickets = new TicketHistoryDao();

    @BeforeAll
    static void seed() {
        var d = db.get();
        database = new TenantDatabase(Jdbi.create(d.jdbcUrl(), d.roleFor(ServiceRole.ENHANCEMENT_WORKER), d.password()));
        embeddings = Embeddings.build(database, new EmbeddingSettings());
        write(A, List.of(
                resolved("A-MAIL", "Outlook disconnected from Exchange", "Outlook shows Disconnected in the status bar "
                        + "and the inbox is not updating", "Re-created the autodiscover DNS record; Outlook reconnected."),
                resolved("A-PRINT", "Print spooler stops after patching", "Jobs stuck in the print queue on PRN-02",
                        "Restarted the spooler service and cleared the spool folder."),
                resolved("A-VPN", "VPN tunnel drops every hour", "Remote staff lose the VPN connection hourly",
                        "Lowered the MTU on the VPN gateway."),
                resolved("A-PWD", "Password expired, cannot log in", "Account locked after password expiry",
                        "Reset the password in Active Directory and unlocked the account."),
                resolved("A-WEB", "Website slow to load for customers", "The public web site takes 20 s per page",
                        "Cleared the CDN cache and raised the web server's worker count.")));
        // tenant B: the paraphrase almost word for word, resolved
        write(B, List.of(resolved("B-MAIL", "My email program won't load new mail",
                "The website version works fine in the browser", "B's own fix: repaired the mail profile.")));
    }

    static TicketRecord resolved(String id, String subject, String description, String resolution) {
        return new TicketRecord(id, subject, description, resolution, null, null, null, "seed", null);
    }

    static void write(TenantId tenant, List<TicketRecord> rows) {
        database.inTenant(tenant, h -> {
            tickets.upsert(h, rows);
            return embeddings.writer().tickets(h, tenant, rows);
        });
    }

    /**
     * A history holding one incident many times over (seeded or imported twice, or resolved alike)
     * lists it once, and the places its copies took go to the next distinct tickets, by full text
     * and by hybrid retrieval alike.
     */
    @Test
    void copiesOfOneTicketTakeOnePlaceAndTheListIsRefilled() {
        TenantId copies = TenantId.of("hybrid-copies");
        List<TicketRecord> rows = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            rows.add(resolved("COPY-0" + i, "Outlook disconnected from Exchange after patching" + (i % 2 == 0 ? " (exch-01)" : ""),
                    "Outlook shows Disconnected after the CU patch", "Re-created the autodiscover DNS record."));
        }
        rows.add(resolved("OTHER-1", "Outlook stuck on Trying to connect", "Outlook hangs connecting to Exchange after patching",
                "Removed the corrupt Outlook profile and created a new one."));
        rows.add(resolved("OTHER-2", "Outlook asks for the password again and again after patching",
                "Exchange credential prompt loops in Outlook", "Cleared the cached credentials in Credential Manager."));
        write(copies, rows);
        TicketText demo = new TicketText("NEW-9", "Outlook cannot connect to Exchange after this morning's patching",
                "Outlook says Disconnected since the patch", "", "");

        ContextSettings context = new ContextSettings();
        for (ContextGatherer gatherer : List.of(new ContextGatherer(database, context),
                new ContextGatherer(database, context, embeddings.retrieval()))) {
            List<String> found = ids(gatherer.gather(copies, demo, List.of(ContextSource.TICKET_HISTORY)));
            assertThat(found.stream().filter(id -> id.startsWith("COPY-"))).as(found.toString()).hasSize(1);
            assertThat(found).as("refilled from further down").contains("OTHER-1", "OTHER-2");
        }
    }

    static List<String> ids(RetrievedContext context) {
        return context.similarTickets().stream().map(SimilarTicket::ticketId).toList();
    }

    @Test
    void hybridFindsTheParaphrasedTicketThatFullTextMisses() {
        ContextGatherer fullText = new ContextGatherer(database, new ContextSettings());
        ContextGatherer hybrid = new ContextGatherer(database, new ContextSettings(), embeddings.retrieval());

        assertThat(ids(fullText.gather(A, PARAPHRASE, HISTORY))).doesNotContain("A-MAIL");
        RetrievedContext found = hybrid.gather(A, PARAPHRASE, HISTORY);
        assertThat(ids(found)).contains("A-MAIL");
        SimilarTicket mail = found.similarTickets().stream().filter(t -> t.ticketId().equals("A-MAIL")).findFirst().orElseThrow();
        assertThat(mail.matchedTerms()).isEmpty();
        assertThat(mail.foundByMeaning()).isTrue();
        assertThat(mail.meaning()).isGreaterThanOrEqualTo(new EmbeddingSettings().getMinSimilarity());
        // unrelated topics stay out: below the cosine threshold
        assertThat(ids(found)).doesNotContain("A-PRINT", "A-VPN");
    }

    @Test
    void aTenantsVectorsNeverReturnAnotherTenantsTicket() {
        ContextGatherer hybrid = new ContextGatherer(database, new ContextSettings(), embeddings.retrieval());
        // B's ticket is the probe itself, nearly: for B it is the best match ...
        assertThat(ids(hybrid.gather(B, PARAPHRASE, HISTORY))).containsExactly("B-MAIL");
        // ... and for A, whose matrix was loaded under RLS as the worker's role, it does not exist
        for (int i = 0; i < 3; i++) {
            assertThat(ids(hybrid.gather(A, PARAPHRASE, HISTORY))).doesNotContain("B-MAIL").contains("A-MAIL");
        }
        TenantVectors vectors = embeddings.retrieval().index().forTenant(A);
        QuantizedVector query = embeddings.retrieval().embedder().search(PARAPHRASE.subject(),
                PARAPHRASE.description());
        assertThat(vectors.ticketSigns().candidates(query, 100, null, id -> true)).doesNotContain("B-MAIL").hasSize(5);
        // B's id asked for by name (as a full-text candidate would be): the read by id is A's RLS context too
        List<VectorMatrix.Scored> ranked = database.inTenant(A, h -> vectors.ticketCandidates(h, A, query, null,
                id -> true, List.of("B-MAIL")).nearest(query, 100, -1.0, null));
        assertThat(ranked).extracting(VectorMatrix.Scored::id).doesNotContain("B-MAIL").hasSize(5);
        // a tenant with no history of its own gets nothing, not its neighbours'
        assertThat(ids(hybrid.gather(TenantId.of("hybrid-empty"), PARAPHRASE, HISTORY))).isEmpty();
    }

    @Test
    void theBackfillEmbedsWhatWasWrittenWithoutVectorsOnceAcrossReplicas() throws Exception {
        TenantId c = TenantId.of("hybrid-backfill");
        List<TicketRecord> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(resolved(String.format("C-%03d", i), "Printer " + i + " offline", "Cannot print to floor " + i,
                    "Power-cycled printer " + i + "."));
        }
        database.inTenant(c, h -> tickets.upsert(h, rows)); // as an older worker wrote them: no vectors
        EmbeddingBackfill first = new EmbeddingBackfill(database, embeddings.writer(), 5);
        EmbeddingBackfill second = new EmbeddingBackfill(database, embeddings.writer(), 5);
        // two replicas at once: each row embedded by exactly one of them
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> first.run(c));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> second.run(c));
        assertThat(a.get() + b.get()).isEqualTo(40);
        assertThat(first.run(c)).isZero(); // nothing left: the NULLs were the cursor
        long embedded = database.inTenant(c, h -> h.createQuery(
                "SELECT count(*) FROM ticket_history WHERE embedding IS NOT NULL").mapTo(Long.class).one());
        assertThat(embedded).isEqualTo(40);
        // a changed text loses its vector, and the next run embeds just that row again
        database.inTenant(c, h -> tickets.upsert(h, List.of(resolved("C-007", "Printer 7 jams", "Paper jam", "Cleared."))));
        assertThat(first.run(c)).isEqualTo(1);
        first.close();
        second.close();
    }
}
