package com.aiagents.platform.gateway.support;

import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real tenant-service in-process (over a private migrated database), driven through its
 * operator API the way an operator would; only what no API offers (a recorded gate run, the end of
 * a rotation's grace period) is written to the database, as the runtime role in the tenant's context.
 */
public final class TenantServiceFixture implements BeforeAllCallback, AfterAllCallback {
    private final TenantServiceExtension service = new TenantServiceExtension();
    private JsonHttp http;

    /** tenant-service's spans exported to this OTLP/HTTP endpoint (an {@code OtlpReceiver}); off without it. */
    public TenantServiceFixture withTracingTo(String otlpEndpoint) {
        service.withTracingTo(otlpEndpoint);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        service.beforeAll(context);
        http = new JsonHttp(service.baseUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        service.afterAll(context);
    }

    public String url() {
        return service.baseUrl();
    }

    /** tenant-service's readiness on its admin port, which the gateway's health check GETs. */
    public String healthUrl() {
        return service.adminUrl() + "/health-check";
    }

    /** Stops tenant-service for good (an outage); its database stays until the class ends. */
    public void stop() {
        service.app().after();
    }

    public String serviceToken() {
        return TenantServiceExtension.SERVICE_TOKEN;
    }

    /** Creates a tenant (status {@code onboarding}) and returns its webhook secret. */
    public String create(String tenantId, WebhookAuthMode mode, Tier tier, int requestsPerMinute) {
        String body = "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"Test " + tenantId + "\",\"tier\":\"" + tier.wireName()
                + "\",\"admin_contact_email\":\"admin@" + tenantId + ".example\","
                + "\"servicedesk_url\":\"https://" + tenantId + ".sdp.example\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"SDP-KEY-" + UUID.randomUUID() + "\"},"
                + "\"webhook_auth\":{\"mode\":\"" + mode.wireName() + "\"},"
                + "\"rate_limits\":{\"requests_per_minute\":" + requestsPerMinute + "}}";
        return expect(201, http.post("/v1/tenants", TenantServiceExtension.OPERATOR_TOKEN, body)).json()
                .at("/webhook/secret").asText();
    }

    /** onboarding → configured → active, with the passing gate run that activation requires. */
    public void activate(String tenantId) {
        status(tenantId, "configured");
        recordPassingGateRun(tenantId);
        status(tenantId, "active");
    }

    public void suspend(String tenantId) {
        status(tenantId, "suspended");
    }

    public void reactivate(String tenantId) {
        status(tenantId, "active");
    }

    /** Rotates the webhook secret (the old one stays valid for the grace period); returns the new one. */
    public String rotate(String tenantId) {
        return expect(200, http.post("/v1/tenants/" + tenantId + "/webhook-secret/rotate",
                TenantServiceExtension.OPERATOR_TOKEN, "{}")).json().at("/webhook/secret").asText();
    }

    public void offboard(String tenantId) {
        expect(200, http.delete("/v1/tenants/" + tenantId, TenantServiceExtension.ADMIN_TOKEN));
    }

    /** Ends the rotation's grace period now, as if 24 hours had passed. */
    public void expirePreviousSecret(String tenantId) {
        inTenant(ServiceRole.TENANT_SERVICE, tenantId, connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE tenant_configs SET previous_secret_expires_at = now() - interval '1 second' WHERE tenant_id = ?")) {
                st.setString(1, tenantId);
                if (st.executeUpdate() != 1) {
                    throw new IllegalStateException("tenant " + tenantId + " not updated");
                }
            }
        });
    }

    private void recordPassingGateRun(String tenantId) {
        String runId = UUID.randomUUID().toString();
        // as gates-runner's role: tenant-service activates only on runs that role recorded
        inTenant(ServiceRole.GATES_RUNNER, tenantId, connection -> {
            for (int gate = 1; gate <= 4; gate++) {
                try (PreparedStatement st = connection.prepareStatement("INSERT INTO gate_runs (run_id, tenant_id, gate, "
                        + "gate_name, passed, summary, duration_ms, started_at, finished_at) "
                        + "VALUES (?, ?, ?, ?, true, 'test', 1, now(), clock_timestamp())")) {
                    st.setString(1, runId);
                    st.setString(2, tenantId);
                    st.setInt(3, gate);
                    st.setString(4, "gate " + gate);
                    st.executeUpdate();
                }
            }
        });
    }

    private void status(String tenantId, String status) {
        expect(200, http.post("/v1/tenants/" + tenantId + "/status", TenantServiceExtension.OPERATOR_TOKEN,
                "{\"status\":\"" + status + "\"}"));
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private void inTenant(ServiceRole role, String tenantId, SqlWork work) {
        try (Connection connection = service.database().connectAs(role)) {
            connection.setAutoCommit(false);
            try (PreparedStatement context = connection.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
                context.setString(1, tenantId);
                context.execute();
            }
            work.run(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("tenant-service database: " + e.getMessage(), e);
        }
    }

    private static JsonHttp.Reply expect(int status, JsonHttp.Reply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("tenant-service answered " + reply.status() + ": " + reply.body());
        }
        return reply;
    }
}
