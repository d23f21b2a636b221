package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gate evidence and the audit trail, as each service's own role and as the owner: only
 * gates-runner writes gate_runs and the database stamps who and when; nobody updates or truncates
 * them, and only tenant-service deletes them, for a tenant that never went live; audit_log is
 * append-only even for the owner.
 */
class GateEvidenceTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    private static final String INSERT_RUN = "INSERT INTO gate_runs (run_id, tenant_id, gate, gate_name, passed, "
            + "summary, duration_ms, started_at, finished_at, recorded_by) VALUES ('%s', '%s', 1, 'gate 1', true, "
            + "'forged', 1, now(), now() + interval '1 day', 'someone-else')";

    @BeforeAll
    static void tenants() throws SQLException {
        for (String tenant : new String[] {"never-live", "went-live"}) {
            inTenant(ServiceRole.TENANT_SERVICE, tenant, "INSERT INTO tenant_configs (tenant_id, name, tier, status, "
                    + "admin_contact_email, servicedesk_url, servicedesk_edition, webhook_auth_mode, "
                    + "enhancement_preferences, rate_limits) VALUES ('" + tenant + "', 'n', 'basic', 'configured', "
                    + "'a@b.c', 'https://sdp.example', 'onprem', 'hmac', '{}', '{}')");
            inTenant(ServiceRole.GATES_RUNNER, tenant, INSERT_RUN.formatted("run-1", tenant));
        }
        inTenant(ServiceRole.TENANT_SERVICE, "went-live", "UPDATE tenant_configs SET status = 'active'");
    }

    @Test
    void aGateRunForgedByAnyOtherServiceIsRefused() {
        for (ServiceRole forger : new ServiceRole[] {ServiceRole.ENHANCEMENT_WORKER, ServiceRole.PROVISIONING_SERVICE,
                ServiceRole.TENANT_SERVICE}) {
            assertThatThrownBy(() -> inTenant(forger, "never-live", INSERT_RUN.formatted("forged", "never-live")))
                    .as(forger.service()).hasMessageContaining("permission denied for table gate_runs");
        }
    }

    @Test
    void theDatabaseStampsWhoRecordedARunAndWhen() throws SQLException {
        try (Connection c = DB.get().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT recorded_by, finished_at <= now() FROM gate_runs "
                     + "WHERE tenant_id = 'never-live' AND run_id = 'run-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(DB.get().roleFor(ServiceRole.GATES_RUNNER));
            assertThat(rs.getBoolean(2)).as("finished_at is the insert's time, not the writer's tomorrow").isTrue();
        }
    }

    @Test
    void gateRunsAreNeverUpdatedOrTruncatedEvenByTheOwner() throws SQLException {
        try (Connection owner = DB.get().connectAsOwner(); Statement st = owner.createStatement()) {
            assertThatThrownBy(() -> st.execute("TRUNCATE gate_runs")).hasMessageContaining("never updated or truncated");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE gate_runs SET passed = true"))
                    .hasMessageContaining("never updated or truncated");
        }
        try (Connection owner = DB.get().connectAsOwner(); Statement st = owner.createStatement()) {
            owner.setAutoCommit(false);
            st.execute("SELECT set_config('app.current_tenant_id', 'never-live', true)");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM gate_runs"))
                    .hasMessageContaining("deleted only by tenant-service");
            owner.rollback();
        }
        assertThatThrownBy(() -> inTenant(ServiceRole.GATES_RUNNER, "never-live", "UPDATE gate_runs SET passed = false"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> inTenant(ServiceRole.GATES_RUNNER, "never-live", "DELETE FROM gate_runs"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> inTenant(ServiceRole.TENANT_SERVICE, "never-live", "UPDATE gate_runs SET passed = false"))
                .hasMessageContaining("permission denied");
    }

    @Test
    void onlyTenantServiceDeletesGateRunsAndOnlyOfATenantThatNeverWentLive() throws SQLException {
        assertThatThrownBy(() -> inTenant(ServiceRole.TENANT_SERVICE, "went-live", "DELETE FROM gate_runs"))
                .hasMessageContaining("went live");
        assertThatThrownBy(() -> inTenant(ServiceRole.TENANT_SERVICE, "went-live", "DELETE FROM tenant_configs"))
                .as("a live tenant's registry row cannot be removed to orphan its runs")
                .hasMessageContaining("went live");
        assertThatThrownBy(() -> inTenant(ServiceRole.TENANT_SERVICE, "went-live",
                "UPDATE tenant_configs SET status = 'configured', went_live_at = NULL, tenant_id = 'renamed'"))
                .hasMessageContaining("never changes");
        inTenant(ServiceRole.TENANT_SERVICE, "went-live", "UPDATE tenant_configs SET status = 'suspended', went_live_at = NULL");
        assertThat(count("SELECT count(*) FROM tenant_configs WHERE tenant_id = 'went-live' AND went_live_at IS NOT NULL"))
                .as("went_live_at is never cleared").isEqualTo(1);

        inTenant(ServiceRole.GATES_RUNNER, "never-live", INSERT_RUN.formatted("run-purged", "never-live"));
        inTenant(ServiceRole.TENANT_SERVICE, "never-live", "DELETE FROM gate_runs WHERE run_id = 'run-purged'");
        assertThat(count("SELECT count(*) FROM gate_runs WHERE run_id = 'run-purged'")).isZero();
        assertThat(count("SELECT count(*) FROM gate_runs WHERE tenant_id = 'went-live'")).isEqualTo(1);
    }

    @Test
    void theAuditLogIsAppendOnlyEvenForTheOwner() throws SQLException {
        inTenant(ServiceRole.TENANT_SERVICE, "never-live",
                "INSERT INTO audit_log (actor, actor_role, action) VALUES ('t', 'admin', 'test')");
        try (Connection owner = DB.get().connectAsOwner(); Statement st = owner.createStatement()) {
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_log")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE audit_log SET action = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_log")).hasMessageContaining("append-only");
        }
        for (ServiceRole role : ServiceRole.values()) {
            assertThatThrownBy(() -> inTenant(role, "never-live", "TRUNCATE audit_log")).as(role.service())
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> inTenant(role, "never-live", "DELETE FROM audit_log")).as(role.service())
                    .hasMessageContaining("permission denied");
        }
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'test'")).isEqualTo(1);
    }

    private static void inTenant(ServiceRole role, String tenant, String sql) throws SQLException {
        try (Connection c = DB.get().connectAs(role)) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            c.commit();
        }
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = DB.get().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
