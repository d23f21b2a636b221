package com.aiagents.platform.worker.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.AccountScope;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.worker.api.InventoryAssetInput;
import com.aiagents.platform.worker.api.KbArticleInput;
import com.aiagents.platform.worker.db.InventoryDao;
import com.aiagents.platform.worker.db.KbArticleDao;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An MSP tenant's retrieval kept to the ticket's account by the database, as the worker's role:
 * account B's closer match never reaches a ticket of account A, in similar tickets, KB and
 * inventory alike; the tenant scope sees both; a pooled connection keeps no account.
 */
class AccountScopeTest {
    @RegisterExtension
    static TestDatabaseExtension db = new TestDatabaseExtension();

    static TenantDatabase database;
    static final TenantId MSP = TenantId.of("msp-scope");
    static final List<ContextSource> ALL = List.of(ContextSource.TICKET_HISTORY, ContextSource.KB, ContextSource.MONITORING);
    static final TicketText TICKET = new TicketText("NEW-1",
            "VPN tunnel drops on gateway vpn-gw-01", "the vpn tunnel keeps dropping every hour", "", "");

    @BeforeAll
    static void seed() {
        var d = db.get();
        database = new TenantDatabase(Jdbi.create(d.jdbcUrl(), d.roleFor(ServiceRole.ENHANCEMENT_WORKER), d.password()));
        database.inTenant(MSP, h -> {
            new TicketHistoryDao().upsert(h, List.of(
                    // B's ticket is the closer match: same words as the new ticket
                    new TicketRecord("B-1", "VPN tunnel drops on gateway vpn-gw-01", "the vpn tunnel keeps dropping every hour",
                            "B replaced the gateway", null, null, "Resolved", "sdp_import", null, "Fabrikam"),
                    new TicketRecord("A-1", "VPN drops", "tunnel flaps", "A lowered the MTU",
                            null, null, "Resolved", "sdp_import", null, "Contoso")));
            new KbArticleDao().upsert(h, List.of(
                    new KbArticleInput("KB-B", "VPN tunnel drops on vpn-gw-01", "1. Replace the gateway.", List.of(), "Fabrikam"),
                    new KbArticleInput("KB-A", "VPN tunnel drops", "1. Lower the MTU.", List.of(), "Contoso")));
            new InventoryDao(new ObjectMapper()).upsert(h, List.of(
                    new InventoryAssetInput("ASSET-B", "vpn-gw-01", null, List.of(), null, null, null, null, Map.of(), "Fabrikam")));
            return null;
        });
    }

    private RetrievedContext gather(RetrievalScope scope) {
        return new ContextGatherer(database, new ContextSettings()).gather(MSP, TICKET, ALL, scope);
    }

    @Test
    void aTicketOfAccountASeesOnlyAccountAEvenWhenBHoldsTheCloserMatch() {
        RetrievedContext a = gather(new RetrievalScope(true, "Contoso"));

        assertThat(a.similarTickets()).extracting(SimilarTicket::ticketId).containsExactly("A-1");
        assertThat(a.kbArticles()).extracting(KbMatch::articleId).containsExactly("KB-A");
        assertThat(a.assets()).as("B's gateway is B's").isEmpty();
    }

    @Test
    void theTenantScopeSeesEveryAccountAndRanksBsCloserMatchFirst() {
        RetrievedContext all = gather(RetrievalScope.TENANT);

        assertThat(all.similarTickets()).extracting(SimilarTicket::ticketId).startsWith("B-1").contains("A-1");
        assertThat(all.assets()).extracting(AssetMatch::assetId).containsExactly("ASSET-B");
    }

    @Test
    void anAccountScopedTicketWithoutAnAccountSeesNothing() {
        RetrievedContext none = gather(new RetrievalScope(true, null));
        assertThat(none.similarTickets()).isEmpty();
        assertThat(none.kbArticles()).isEmpty();
        assertThat(none.assets()).isEmpty();
    }

    @Test
    void theAccountScopeIsEnforcedByTheDatabaseAndEndsWithTheTransaction() {
        long inScope = database.inTenant(MSP, h -> {
            AccountScope.restrictTo(h, "Contoso");
            return h.createQuery("SELECT count(*) FROM ticket_history").mapTo(Long.class).one();
        });
        long writesRefused = database.inTenant(MSP, h -> {
            AccountScope.restrictTo(h, "Contoso");
            return (long) h.createUpdate("UPDATE ticket_history SET subject = subject WHERE ticket_id = 'B-1'").execute();
        });
        long afterwards = database.inTenant(MSP, h -> h.createQuery("SELECT count(*) FROM ticket_history")
                .mapTo(Long.class).one());

        assertThat(inScope).isEqualTo(1);
        assertThat(writesRefused).as("B's row is not even visible to update").isZero();
        assertThat(afterwards).as("the next transaction on the pool sees the whole tenant again").isEqualTo(2);
    }
}
