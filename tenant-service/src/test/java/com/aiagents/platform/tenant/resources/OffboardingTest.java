package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATEWAY_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.PROVISIONING_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The grace period between an offboarding request and the erasure (docs/runbooks/offboarding.md),
 * through real HTTP against a real tenant-service and PostgreSQL.
 */
class OffboardingTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();

    private static JsonHttp http;

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
    }

    @Test
    void offboardingKeepsEverythingForThirtyDaysAndAnAdminCanRestoreItIntact() throws SQLException {
        String id = activeTenantWithData("restore");
        String before = http.get("/v1/tenants/" + id, ADMIN_TOKEN).body();

        Reply offboarding = http.delete("/v1/tenants/" + id, OPERATOR_TOKEN);
        assertThat(offboarding.status()).isEqualTo(200);
        assertThat(offboarding.json().path("status").asText()).isEqualTo("offboarding");
        Instant eraseAfter = Instant.parse(offboarding.json().path("erase_after").asText());
        assertThat(eraseAfter).isBetween(Instant.now().plus(Duration.ofDays(30)).minus(Duration.ofMinutes(5)),
                Instant.now().plus(Duration.ofDays(30)).plus(Duration.ofMinutes(5)));
        assertThat(offboarding.json().has("rows_deleted")).as("nothing is deleted yet").isFalse();
        Reply again = http.delete("/v1/tenants/" + id, OPERATOR_TOKEN);
        assertThat(again.json().path("erase_after").asText()).as("a repeat keeps the first end of grace")
                .isEqualTo(offboarding.json().path("erase_after").asText());

        // the gateway and the worker see the status, and refuse the tenant's webhooks and jobs
        assertThat(http.get("/internal/v1/tenants/" + id + "/runtime-config", GATEWAY_TOKEN).json().path("status").asText())
                .isEqualTo("offboarding");
        assertThat(rowCount(id)).isEqualTo(3);
        assertThat(http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, "{\"name\": \"x\"}").status()).isEqualTo(409);
        Reply early = http.post("/internal/v1/erasures/" + id, PROVISIONING_TOKEN, "");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("error").asText()).isEqualTo("grace_period_running");
        assertThat(http.get("/internal/v1/erasures/due", PROVISIONING_TOKEN).json().path("tenant_ids").toString())
                .doesNotContain(id);
        assertThat(http.post("/v1/tenants/" + id + "/restore", OPERATOR_TOKEN, "").status())
                .as("restoring is an admin's decision").isEqualTo(403);

        Reply restored = http.post("/v1/tenants/" + id + "/restore", ADMIN_TOKEN, "");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().path("status").asText()).isEqualTo("active");
        assertThat(rowCount(id)).as("the tenant's data are intact").isEqualTo(3);
        assertThat(withoutUpdatedAt(http.get("/v1/tenants/" + id, ADMIN_TOKEN).body())).isEqualTo(withoutUpdatedAt(before));
        assertThat(auditActions(id)).contains("tenant.offboarding_started", "tenant.restored");
        assertThat(http.post("/v1/tenants/" + id + "/restore", ADMIN_TOKEN, "").status())
                .as("only an offboarding tenant can be restored").isEqualTo(409);
    }

    @Test
    void afterTheGracePeriodTheErasureRemovesEveryRowAndKeepsATombstone() throws SQLException {
        String id = activeTenantWithData("erase");
        String other = activeTenantWithData("keep");
        http.delete("/v1/tenants/" + id, OPERATOR_TOKEN);
        endGracePeriod(SERVICE, id);

        assertThat(http.get("/internal/v1/erasures/due", PROVISIONING_TOKEN).json().path("tenant_ids").toString())
                .contains(id).doesNotContain(other);
        Reply erased = http.post("/internal/v1/erasures/" + id, PROVISIONING_TOKEN, "");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().path("status").asText()).isEqualTo("offboarded");
        assertThat(erased.json().at("/rows_deleted/ticket_history").asInt()).isEqualTo(1);
        assertThat(rowCount(id)).isZero();
        assertThat(rowCount(other)).as("the other tenant's rows survive").isEqualTo(3);
        assertThat(http.post("/internal/v1/erasures/" + id, PROVISIONING_TOKEN, "").status()).as("repeatable").isEqualTo(200);
        assertThat(http.post("/v1/tenants/" + id + "/restore", ADMIN_TOKEN, "").status()).isEqualTo(409);
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("offboarded");
        assertThat(auditActions(id)).contains("tenant.offboarded");
    }

    @Test
    void badRequestsAreJsonErrorsAndChangeNothing() throws SQLException {
        String id = activeTenantWithData("bad");
        assertThat(http.post("/internal/v1/erasures/" + id, PROVISIONING_TOKEN, "").status())
                .as("an active tenant is never erased").isEqualTo(409);
        assertThat(http.post("/internal/v1/erasures/" + id, WORKER_TOKEN, "").status()).isEqualTo(403);
        assertThat(http.post("/internal/v1/erasures/" + id, ADMIN_TOKEN, "").status()).isEqualTo(403);
        assertThat(http.get("/internal/v1/erasures/due?limit=0", PROVISIONING_TOKEN).status()).isEqualTo(400);
        Reply malformed = http.post("/v1/tenants/Not_A_Tenant/restore", ADMIN_TOKEN, "");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().has("error")).isTrue();
        assertThat(http.post("/v1/tenants/no-such-tenant/restore", ADMIN_TOKEN, "").status()).isEqualTo(404);
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("active");
        assertThat(rowCount(id)).isEqualTo(3);
    }

    /** Lets the grace period pass: moves the tenant's end of grace into the past. */
    static void endGracePeriod(TenantServiceExtension service, String tenantId) throws SQLException {
        try (Connection c = service.database().connectAsSuperuser(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE tenant_configs SET erase_after = now() - interval '1 second' "
                    + "WHERE tenant_id = '" + tenantId + "' AND status = 'offboarding'")).isEqualTo(1);
        }
    }

    private static String activeTenantWithData(String prefix) throws SQLException {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(id, "KEY-" + UUID.randomUUID())).status())
                .isEqualTo(201);
        activate(SERVICE, http, id);
        try (Connection c = SERVICE.database().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('app.current_tenant_id', '" + id + "', true)");
                st.execute("INSERT INTO ticket_history (tenant_id, ticket_id, subject, resolution) "
                        + "VALUES ('" + id + "', 'T-1', 'VPN down', 'restarted the concentrator')");
                st.execute("INSERT INTO kb_articles (tenant_id, article_id, title, content) "
                        + "VALUES ('" + id + "', 'KB-1', 'VPN', 'restart it')");
                st.execute("INSERT INTO system_inventory (tenant_id, asset_id, hostname) VALUES ('" + id + "', 'A-1', 'vpn01')");
            }
            c.commit();
        }
        return id;
    }

    /** configured, four passing gates recorded as gates-runner records them, then active. */
    static void activate(TenantServiceExtension service, JsonHttp http, String id) throws SQLException {
        assertThat(http.post("/v1/tenants/" + id + "/status", OPERATOR_TOKEN, "{\"status\": \"configured\"}").status())
                .isEqualTo(200);
        try (Connection c = service.database().connectAs(ServiceRole.GATES_RUNNER)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('app.current_tenant_id', '" + id + "', true)");
                for (int gate = 1; gate <= 4; gate++) {
                    st.execute("INSERT INTO gate_runs (run_id, tenant_id, gate, gate_name, passed, summary, duration_ms, "
                            + "started_at, finished_at) VALUES ('run-1', '" + id + "', " + gate + ", 'gate " + gate
                            + "', true, 'test', 1, now(), clock_timestamp())");
                }
            }
            c.commit();
        }
        assertThat(http.post("/v1/tenants/" + id + "/status", OPERATOR_TOKEN, "{\"status\": \"active\"}").status())
                .isEqualTo(200);
    }

    /** The tenant's rows in the worker's tables, counted as the owner (past row-level security). */
    private static int rowCount(String tenantId) throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM ticket_history WHERE tenant_id = '" + tenantId
                     + "') + (SELECT count(*) FROM kb_articles WHERE tenant_id = '" + tenantId
                     + "') + (SELECT count(*) FROM system_inventory WHERE tenant_id = '" + tenantId + "')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static java.util.List<String> auditActions(String tenantId) throws SQLException {
        java.util.List<String> actions = new java.util.ArrayList<>();
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT action FROM audit_log WHERE target_tenant_id = '" + tenantId + "'")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }

    private static String withoutUpdatedAt(String json) {
        return json.replaceAll("\"updated_at\":\"[^\"]*\"", "");
    }
}
