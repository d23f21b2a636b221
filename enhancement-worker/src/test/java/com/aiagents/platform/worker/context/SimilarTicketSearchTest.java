package com.aiagents.platform.worker.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.SchemaMigrator;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retrieval as the worker's role on a real, migrated database: the search function sees only the
 * tenant of the current transaction, nothing without one, and the worker's role cannot become its owner.
 */
class SimilarTicketSearchTest {
    @RegisterExtension
    static TestDatabaseExtension db = new TestDatabaseExtension();

    static TenantDatabase database;
    static final TenantId A = TenantId.of("search-a");
    static final TenantId B = TenantId.of("search-b");

    @BeforeAll
    static void seed() {
        var d = db.get();
        database = new TenantDatabase(Jdbi.create(d.jdbcUrl(), d.roleFor(ServiceRole.ENHANCEMENT_WORKER), d.password()));
        TicketHistoryDao dao = new TicketHistoryDao();
        database.inTenant(A, h -> dao.upsert(h, List.of(
                new TicketRecord("A-1", "VPN tunnel drops on gateway vpn-gw-01", "drops hourly", "A fixed the MTU", null, null, null, "seed", null),
                new TicketRecord("A-2", "Printer jam", "paper jam", "A cleared the jam", null, null, null, "seed", null),
                new TicketRecord("A-3", "VPN tunnel drops", "open, not resolved", null, null, null, null, "processed", null))));
        database.inTenant(B, h -> dao.upsert(h, List.of(
                new TicketRecord("B-1", "VPN tunnel drops on gateway vpn-gw-01", "drops hourly", "B replaced the gateway", null, null, null, "seed", null))));
    }

    private List<SimilarTicket> search(TenantId tenant, String subject) {
        ContextSettings settings = new ContextSettings();
        ContextQueries queries = new ContextQueries(settings);
        TermSelector selector = new TermSelector(settings.getMaxTerms());
        TicketText ticket = new TicketText("NEW-1", subject, "", "", "");
        return database.inTenant(tenant, h -> queries.similarTickets(h, tenant.value(), ticket.ticketId(),
                SearchTerms.of(selector.select(queries.lexemes(h, ticket)), settings.getStrictTerms())));
    }

    @Test
    void findsOnlyTheTenantsOwnResolvedTicketsBestFirst() {
        List<SimilarTicket> a = search(A, "VPN tunnel keeps dropping on vpn-gw-01");
        assertThat(a).extracting(SimilarTicket::ticketId).containsExactly("A-1");
        assertThat(a.get(0).resolution()).isEqualTo("A fixed the MTU");
        assertThat(a.get(0).matchedTerms()).contains("vpn", "tunnel", "vpn-gw");
        assertThat(a.get(0).similarity()).isBetween(0.5, 1.0);
        assertThat(search(B, "VPN tunnel keeps dropping on vpn-gw-01")).extracting(SimilarTicket::ticketId)
                .containsExactly("B-1");
    }

    /** One shared word ("patching") does not make the print spooler's fix a step for an Outlook ticket. */
    @Test
    void kbArticlesMustShareTheTicketsTopicNotJustOneWord() {
        database.inTenant(A, h -> {
            new com.aiagents.platform.worker.db.KbArticleDao().upsert(h, List.of(
                    new com.aiagents.platform.worker.api.KbArticleInput("KB-OUTLOOK", "Outlook cannot connect to Exchange",
                            "1. Re-create the Outlook profile. 2. Check the autodiscover record for Exchange.", List.of(), null),
                    new com.aiagents.platform.worker.api.KbArticleInput("KB-SPOOLER", "Print spooler stops",
                            "1. Restart the print spooler after patching. 2. Clear the spool folder.", List.of(), null)));
            return null;
        });
        ContextSettings settings = new ContextSettings();
        ContextQueries queries = new ContextQueries(settings);
        TicketText ticket = new TicketText("NEW-2", "Outlook cannot connect to Exchange after this morning's patching", "", "", "");
        List<KbMatch> kb = database.inTenant(A, h -> queries.kbArticles(h, A.value(),
                SearchTerms.of(new TermSelector(settings.getMaxTerms()).select(queries.lexemes(h, ticket)), settings.getStrictTerms())));
        assertThat(kb).extracting(KbMatch::articleId).containsExactly("KB-OUTLOOK");
    }

    @Test
    void theSearchFunctionReturnsNothingWithoutATenantContext() {
        List<String> none = database.withoutTenant(h -> h.createQuery(
                        "SELECT ticket_id FROM similar_ticket_candidates('''vpn''', '''vpn''', 10, 10, '')")
                .mapTo(String.class).list());
        assertThat(none).isEmpty();
        List<String> onlyA = database.inTenant(A, h -> h.createQuery(
                        "SELECT ticket_id FROM similar_ticket_candidates('''vpn''', '''vpn''', 10, 10, '')")
                .mapTo(String.class).list());
        assertThat(onlyA).containsOnly("A-1");
    }

    @Test
    void theRuntimeRoleCannotTakeTheSearchRolesPrivileges() {
        String searchRole = SchemaMigrator.searchRoleFor(db.get().roleFor(ServiceRole.ENHANCEMENT_WORKER));
        assertThatThrownBy(() -> database.inTenant(A, h -> h.execute("SET LOCAL ROLE " + searchRole)))
                .hasMessageContaining("permission denied");
        long visible = database.withoutTenant(h -> h.createQuery("SELECT count(*) FROM ticket_history")
                .mapTo(Long.class).one());
        assertThat(visible).isZero();
    }
}
