package com.aiagents.platform.tenant.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.RlsHarness;
import com.aiagents.platform.common.db.RlsReport;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connected as each service's own role: tenants cannot read, change, delete or create each other's
 * rows in any tenant-scoped table, and nothing is visible without a context (docs/rls.md).
 */
class RowLevelSecurityTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    @BeforeAll
    static void twoTenantsWithData() throws SQLException {
        for (String tenant : List.of("tenant-a", "tenant-b")) {
            try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE)) {
                c.setAutoCommit(false);
                setContext(c, tenant);
                exec(c, "INSERT INTO tenant_configs (tenant_id, name, tier, status, admin_contact_email, "
                        + "servicedesk_url, servicedesk_edition, webhook_auth_mode, enhancement_preferences, "
                        + "rate_limits) VALUES ('" + tenant + "', 'n', 'basic', 'onboarding', 'a@b.c', "
                        + "'https://sdp.example', 'onprem', 'hmac', '{}', '{}')");
                c.commit();
            }
            try (Connection c = DB.get().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
                c.setAutoCommit(false);
                setContext(c, tenant);
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO ticket_history (tenant_id, ticket_id, subject) VALUES ('" + tenant
                            + "', 'T-1', 'VPN down for " + tenant + "')");
                    st.execute("INSERT INTO kb_articles (tenant_id, article_id, title, content) VALUES ('" + tenant
                            + "', 'KB-1', 'Reset VPN', 'steps')");
                    st.execute("INSERT INTO system_inventory (tenant_id, asset_id, hostname) VALUES ('" + tenant
                            + "', 'A-1', 'vpn-gw-01')");
                }
                c.commit();
            }
        }
    }

    @Test
    void noServiceRoleIsSuperuserOrBypassRlsOrOwner() throws SQLException {
        for (ServiceRole role : ServiceRole.values()) {
            try (Connection c = DB.get().connectAs(role); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rolsuper, rolbypassrls, "
                         + "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) "
                         + "FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as(role + " superuser").isFalse();
                assertThat(rs.getBoolean(2)).as(role + " bypassrls").isFalse();
                assertThat(rs.getInt(3)).as(role + " tables owned").isZero();
            }
        }
    }

    @Test
    void everyTableWithATenantIdHasForcedRlsAndACheckingPolicy() throws SQLException {
        // Found from the catalog, so a future table without a policy fails this test.
        try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
                     + "EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND 'public' = ANY(p.roles) "
                     + "AND p.qual LIKE '%current_setting(''app.current_tenant_id''%' "
                     + "AND p.with_check LIKE '%current_setting(''app.current_tenant_id''%') "
                     + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' "
                     + "WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
                assertThat(rs.getBoolean(2)).as(rs.getString(1) + " RLS enabled").isTrue();
                assertThat(rs.getBoolean(3)).as(rs.getString(1) + " RLS forced").isTrue();
                assertThat(rs.getBoolean(4)).as(rs.getString(1) + " policy with USING and WITH CHECK").isTrue();
            }
            assertThat(tables).contains("tenant_configs", "enhancement_history", "ticket_history",
                    "system_inventory", "kb_articles", "gate_runs");
        }
    }

    @Test
    void theRunbookQueryShowsThePolicies() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tablename, policyname, cmd, qual FROM pg_policies WHERE tablename IN "
                     + "('tenant_configs','enhancement_history','ticket_history','system_inventory')")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                if (rs.getString(2).equals("tenant_isolation")) {
                    tables.add(rs.getString(1));
                    assertThat(rs.getString(3)).isEqualTo("ALL");
                    assertThat(rs.getString(4)).contains("current_setting('app.current_tenant_id'");
                }
            }
            assertThat(tables).containsExactlyInAnyOrder("tenant_configs", "enhancement_history", "ticket_history",
                    "system_inventory");
        }
    }

    @Test
    void theHarnessFindsNoLeakInAnyDirection() throws SQLException {
        // gate 1 runs it as gates-runner's role
        try (Connection c = DB.get().connectAs(ServiceRole.GATES_RUNNER)) {
            RlsReport report = new RlsHarness(c).run(TenantId.of("tenant-a"));
            assertThat(report.findings()).isEmpty();
            assertThat(report.tablesChecked()).contains("tenant_configs", "enhancement_history", "ticket_history",
                    "system_inventory", "kb_articles", "gate_runs");
        }
        try (Connection c = DB.get().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
            setContext(c, "tenant-a");
            assertThat(count(c, "SELECT count(*) FROM ticket_history")).as("canaries removed").isEqualTo(1);
        }
    }

    @Test
    void tenantACannotTouchTenantBsRows() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE)) {
            c.setAutoCommit(false);
            setContext(c, "tenant-a");
            try (Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("DELETE FROM kb_articles WHERE tenant_id = 'tenant-b'")).isZero();
                assertThat(st.executeUpdate("UPDATE tenant_configs SET name = 'x' WHERE tenant_id = 'tenant-b'")).isZero();
            }
            c.rollback();
        }
        try (Connection c = DB.get().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
            c.setAutoCommit(false);
            setContext(c, "tenant-a");
            assertThat(count(c, "SELECT count(*) FROM ticket_history WHERE tenant_id = 'tenant-b'")).isZero();
            try (Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("UPDATE ticket_history SET subject = 'x' WHERE tenant_id = 'tenant-b'")).isZero();
            }
            assertThatThrownBy(() -> exec(c, "INSERT INTO system_inventory (tenant_id, asset_id, hostname) "
                    + "VALUES ('tenant-b', 'A-2', 'evil')")).hasMessageContaining("row-level security");
            c.rollback();
        }
    }

    @Test
    void noContextSeesNothingAndWritesNothing() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE)) {
            for (String table : List.of("tenant_configs", "gate_runs")) {
                assertThat(count(c, "SELECT count(*) FROM " + table)).as(table).isZero();
            }
        }
        try (Connection c = DB.get().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
            for (String table : List.of("enhancement_history", "ticket_history", "system_inventory", "kb_articles")) {
                assertThat(count(c, "SELECT count(*) FROM " + table)).as(table).isZero();
            }
            assertThatThrownBy(() -> exec(c, "INSERT INTO ticket_history (tenant_id, ticket_id, subject) "
                    + "VALUES ('tenant-a', 'T-9', 'x')")).hasMessageContaining("row-level security");
        }
    }

    @Test
    void theHarnessNamesATableWithoutAPolicy() throws SQLException {
        TestDatabase db = DB.get();
        try (Connection owner = db.connectAsOwner(); Statement st = owner.createStatement()) {
            st.execute("CREATE TABLE leaky_notes (tenant_id text NOT NULL, note text NOT NULL)");
            st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON leaky_notes TO " + db.roleFor(ServiceRole.GATES_RUNNER));
        }
        try (Connection c = db.connectAs(ServiceRole.GATES_RUNNER)) {
            RlsReport report = new RlsHarness(c).run(TenantId.of("tenant-a"));
            assertThat(report.passed()).isFalse();
            assertThat(report.findings()).anySatisfy(f -> {
                assertThat(f.table()).isEqualTo("leaky_notes");
                assertThat(f.check()).isEqualTo("rls_enabled");
            });
            assertThat(report.findings()).anySatisfy(f -> {
                assertThat(f.table()).isEqualTo("leaky_notes");
                assertThat(f.check()).isEqualTo("read");
            });
        } finally {
            try (Connection owner = db.connectAsOwner(); Statement st = owner.createStatement()) {
                st.execute("DROP TABLE leaky_notes");
            }
        }
    }

    @Test
    void auditLogIsAppendOnly() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.TENANT_SERVICE)) {
            exec(c, "INSERT INTO audit_log (actor, actor_role, action) VALUES ('t', 'admin', 'test')");
            assertThatThrownBy(() -> exec(c, "UPDATE audit_log SET action = 'x'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> exec(c, "DELETE FROM audit_log")).isInstanceOf(SQLException.class);
        }
        try (Connection owner = DB.get().connectAsOwner()) {
            assertThatThrownBy(() -> exec(owner, "DELETE FROM audit_log")).hasMessageContaining("append-only");
        }
    }

    private static void setContext(Connection c, String tenant) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, ?)")) {
            st.setString(1, tenant);
            st.setBoolean(2, !c.getAutoCommit());
            st.execute();
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
