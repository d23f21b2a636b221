package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gate 1's cross-account probe, as gates-runner's role: it passes on the migrated schema and fails,
 * naming the table, when a policy or the search function leaks across MSP customer accounts.
 */
class AccountIsolationProbeTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();
    private static final TenantId TENANT = TenantId.of("msp-probe");

    @BeforeAll
    static void theTenantExists() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE)) {
            c.setAutoCommit(false);
            RlsHarness.setContext(c, TENANT.value());
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO tenant_configs (tenant_id, name, tier, status, admin_contact_email, "
                        + "servicedesk_url, servicedesk_edition, webhook_auth_mode, enhancement_preferences, "
                        + "rate_limits, context_scope) VALUES ('" + TENANT.value() + "', 'n', 'basic', 'onboarding', "
                        + "'a@b.c', 'https://sdp.example', 'msp', 'hmac', '{}', '{}', 'account')");
            }
            c.commit();
        }
    }

    private RlsReport harness() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.GATES_RUNNER)) {
            return new RlsHarness(c).run(TENANT);
        }
    }

    @Test
    void theMigratedSchemaKeepsEveryAccountTableToItsAccount() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.GATES_RUNNER)) {
            assertThat(AccountIsolationProbe.accountTables(c))
                    .containsExactly("enhancement_history", "kb_articles", "system_inventory", "ticket_history");
        }
        assertThat(harness().findings()).isEmpty();
    }

    @Test
    void aSearchFunctionThatIgnoresTheAccountFailsTheProbe() throws SQLException {
        TestDatabase db = DB.get();
        String search = "similar_ticket_candidates(tsquery, tsquery, integer, integer, text)";
        try (Connection owner = db.connectAsSuperuser(); Statement st = owner.createStatement()) {
            // the deliberately leaky query: the tenant's tickets, whatever the account, and an
            // account policy loosened so nothing else saves it
            st.execute("ALTER POLICY account_scope ON ticket_history USING (tenant_id = "
                    + "(SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))");
            st.execute("CREATE OR REPLACE FUNCTION similar_ticket_candidates(p_any tsquery, p_strict tsquery, "
                    + "p_strict_limit integer, p_any_limit integer, p_exclude text) RETURNS TABLE (ticket_id text, rank real) "
                    + "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ "
                    + "SELECT h.ticket_id, ts_rank(h.search_vector, p_any) FROM ticket_history h "
                    + "WHERE h.tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')) "
                    + "AND h.search_vector @@ p_any AND h.resolution <> '' AND h.ticket_id <> p_exclude $$");
        }
        try {
            RlsReport report = harness();

            assertThat(report.passed()).isFalse();
            assertThat(report.findings()).anySatisfy(f -> {
                assertThat(f.table()).isEqualTo("ticket_history");
                assertThat(f.check()).isEqualTo("account_search");
            });
            assertThat(report.findings()).anySatisfy(f -> assertThat(f.check()).isEqualTo("account_read"));
        } finally {
            try (Connection owner = db.connectAsSuperuser(); Statement st = owner.createStatement()) {
                st.execute("ALTER POLICY account_scope ON ticket_history USING (tenant_id = "
                        + "(SELECT NULLIF(current_setting('app.current_tenant_id', true), '')) "
                        + "AND ((SELECT NULLIF(current_setting('app.current_account', true), '')) IS NULL "
                        + "OR account = (SELECT NULLIF(current_setting('app.current_account', true), ''))))");
            }
        }
    }

    @Test
    void aTableWithoutTheAccountPolicyFailsTheProbe() throws SQLException {
        TestDatabase db = DB.get();
        try (Connection owner = db.connectAsSuperuser(); Statement st = owner.createStatement()) {
            st.execute("ALTER TABLE kb_articles RENAME TO kb_articles_held");
            st.execute("CREATE TABLE kb_articles (LIKE kb_articles_held INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                    + "INCLUDING GENERATED)");
            st.execute("ALTER TABLE kb_articles OWNER TO " + db.ownerUser());
            st.execute("ALTER TABLE kb_articles ADD PRIMARY KEY (tenant_id, article_id)");
            st.execute("ALTER TABLE kb_articles ENABLE ROW LEVEL SECURITY");
            st.execute("ALTER TABLE kb_articles FORCE ROW LEVEL SECURITY");
            // tenant isolation only: the MSP account is not kept
            st.execute("CREATE POLICY tenant_isolation ON kb_articles USING (tenant_id = "
                    + "(SELECT NULLIF(current_setting('app.current_tenant_id', true), ''))) WITH CHECK (tenant_id = "
                    + "(SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))");
            st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON kb_articles TO " + db.roleFor(ServiceRole.GATES_RUNNER));
        }
        try {
            RlsReport report = harness();

            assertThat(report.findings()).anySatisfy(f -> {
                assertThat(f.table()).isEqualTo("kb_articles");
                assertThat(f.check()).isEqualTo("account_read");
            });
            assertThat(report.findings()).noneSatisfy(f -> assertThat(f.table()).isEqualTo("system_inventory"));
        } finally {
            try (Connection owner = db.connectAsSuperuser(); Statement st = owner.createStatement()) {
                st.execute("DROP TABLE kb_articles");
                st.execute("ALTER TABLE kb_articles_held RENAME TO kb_articles");
            }
        }
    }
}
