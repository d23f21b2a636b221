package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATES_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATEWAY_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.PROVISIONING_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /internal/v1/audit} through real HTTP, written as tenant-service's own database role:
 * the actor is the service the token names, never the body; each service writes only its own
 * namespace; secret-named details and malformed entries are refused and write nothing. And the
 * operator's role that provisioning-service passes on with a create.
 */
class InternalAuditTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();

    private static JsonHttp http;

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
    }

    @Test
    void anEntryNamesTheServiceFromItsTokenAndThePersonItActedFor() throws Exception {
        String tenant = unique("audited");
        Reply reply = http.post("/internal/v1/audit", WORKER_TOKEN, """
                {"action": "worker.kb_articles_load_requested", "tenant_id": "%s", "acting_for": "alice@msp.example",
                 "details": {"articles": 3, "ids": ["KB-1"]}}""".formatted(tenant));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("id").asLong()).isPositive();
        assertThat(rows(tenant)).containsExactly(
                "enhancement-worker (for alice@msp.example)|service|worker.kb_articles_load_requested|{\"ids\": [\"KB-1\"], \"articles\": 3}");

        assertThat(http.post("/internal/v1/audit", GATES_TOKEN, """
                {"action": "gates.gate_run_requested", "tenant_id": "%s"}""".formatted(tenant)).status()).isEqualTo(201);
        assertThat(rows(tenant)).last().isEqualTo("gates-runner|service|gates.gate_run_requested|{}");
    }

    @Test
    void theBodyCannotNameTheActorNorWriteAnotherServicesActions() throws Exception {
        String tenant = unique("forged");
        Reply actor = http.post("/internal/v1/audit", WORKER_TOKEN, """
                {"action": "worker.x", "tenant_id": "%s", "actor": "platform-admin", "actor_role": "admin"}""".formatted(tenant));
        assertThat(actor.status()).isEqualTo(400);
        assertThat(fields(actor)).containsExactlyInAnyOrder("actor", "actor_role");

        for (String action : List.of("tenant.status_changed", "gates.gate_run_finished", "provisioning.kubernetes_applied")) {
            Reply reply = http.post("/internal/v1/audit", WORKER_TOKEN,
                    "{\"action\": \"" + action + "\", \"tenant_id\": \"" + tenant + "\"}");
            assertThat(reply.status()).as(action).isEqualTo(400);
            assertThat(reply.json().path("message").asText()).contains("must start with worker.");
        }
        assertThat(rows(tenant)).isEmpty();
    }

    @Test
    void detailsNamingASecretAndMalformedEntriesAreRefusedAndWriteNothing() throws Exception {
        String tenant = unique("refused");
        Reply secret = http.post("/internal/v1/audit", PROVISIONING_TOKEN, """
                {"action": "provisioning.step", "tenant_id": "%s",
                 "details": {"secret": "x", "nested": {"api_key": "k", "list": [{"Refresh_Token": "t"}]}, "fine": 1}}"""
                .formatted(tenant));
        assertThat(secret.status()).isEqualTo(400);
        assertThat(fields(secret)).containsExactlyInAnyOrder("details.secret", "details.nested.api_key",
                "details.nested.list.Refresh_Token");
        assertThat(secret.body()).doesNotContain("\"k\"");

        assertThat(fields(http.post("/internal/v1/audit", PROVISIONING_TOKEN,
                "{\"action\": \"provisioning.x\", \"tenant_id\": \"Not A Tenant\"}"))).containsExactly("tenant_id");
        assertThat(fields(http.post("/internal/v1/audit", PROVISIONING_TOKEN,
                "{\"action\": \"provisioning.x\", \"tenant_id\": \"" + tenant + "\", \"acting_for\": \"bob (for eve)\"}")))
                .containsExactly("acting_for");
        assertThat(fields(http.post("/internal/v1/audit", PROVISIONING_TOKEN,
                "{\"action\": \"provisioning.x\", \"tenant_id\": \"" + tenant + "\", \"details\": [1]}")))
                .containsExactly("details");
        assertThat(fields(http.post("/internal/v1/audit", PROVISIONING_TOKEN,
                "{\"action\": \"provisioning.x\", \"tenant_id\": \"" + tenant + "\", \"details\": {\"big\": \""
                        + "x".repeat(9000) + "\"}}"))).containsExactly("details");
        assertThat(fields(http.post("/internal/v1/audit", PROVISIONING_TOKEN, "{\"tenant_id\": \"" + tenant + "\"}")))
                .containsExactly("action");
        assertThat(http.post("/internal/v1/audit", PROVISIONING_TOKEN, "[]").status()).isEqualTo(400);
        assertThat(rows(tenant)).isEmpty();
    }

    @Test
    void onlyTheServicesThatRecordChangesMayWrite() throws Exception {
        String tenant = unique("callers");
        String body = "{\"action\": \"gateway.webhook\", \"tenant_id\": \"" + tenant + "\"}";
        assertThat(http.post("/internal/v1/audit", GATEWAY_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.post("/internal/v1/audit", ADMIN_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.post("/internal/v1/audit", OPERATOR_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.post("/internal/v1/audit", null, body).status()).isEqualTo(401);
        // X-Acting-For (and its role) stay provisioning-service's alone, here too
        assertThat(http.post("/internal/v1/audit", WORKER_TOKEN, "{\"action\": \"worker.x\", \"tenant_id\": \"" + tenant
                + "\"}", "X-Acting-For", "alice").status()).isEqualTo(403);
        assertThat(http.send("GET", "/v1/tenants", WORKER_TOKEN, null, "X-Acting-For-Role", "admin").status())
                .isEqualTo(403);
        assertThat(rows(tenant)).isEmpty();
    }

    @Test
    void anOnboardingByAnAdminMaySetPrivateNetworksAndTheEntryRecordsTheAdminsRole() throws Exception {
        String tenant = unique("vpn");
        String body = """
                {"tenant_id": "%s", "name": "Acme", "admin_contact_email": "admin@acme.example",
                 "servicedesk_url": "https://sdp.acme.example", "servicedesk_edition": "onprem",
                 "servicedesk_credentials": {"api_key": "SDP-KEY-%s"}, "servicedesk_private_networks": ["10.20.0.0/16"]}"""
                .formatted(tenant, tenant);

        Reply operator = http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Acting-For", "olga",
                "X-Acting-For-Role", "operator");
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.json().path("error").asText()).isEqualTo("admin_only_field");
        Reply noRole = http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Acting-For", "olga");
        assertThat(noRole.status()).isEqualTo(403);

        Reply admin = http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Acting-For", "ada",
                "X-Acting-For-Role", "admin");
        assertThat(admin.status()).isEqualTo(201);
        assertThat(admin.json().path("servicedesk_private_networks").toString()).isEqualTo("[\"10.20.0.0/16\"]");
        assertThat(rows(tenant)).containsExactly(
                "provisioning-service (for ada)|admin|tenant.created|{\"tier\": \"basic\", \"webhook_mode\": \"hmac\", \"servicedesk_edition\": \"onprem\"}",
                "provisioning-service (for ada)|admin|tenant.private_networks_changed|{\"previous\": [], \"servicedesk_private_networks\": [\"10.20.0.0/16\"]}");
    }

    private static List<String> fields(Reply reply) {
        return reply.json().path("fields").findValuesAsText("field");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** actor|actor_role|action|details of the tenant's entries, oldest first. */
    private static List<String> rows(String tenant) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor || '|' || actor_role || '|' || action || '|' || details::text"
                     + " FROM audit_log WHERE target_tenant_id = '" + tenant + "' ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
