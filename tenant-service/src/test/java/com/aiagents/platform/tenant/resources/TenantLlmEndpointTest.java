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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant's own LLM endpoint ({@code llm_endpoint}) through real HTTP against a tenant-service
 * configured as in production (SDP_ALLOW_PRIVATE_NETWORKS=false): stored encrypted, never shown,
 * only the worker and gates-runner receive the key, bad input changes nothing, every change and
 * every key rotation is audited, offboarding erases it.
 */
class TenantLlmEndpointTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension().refusingPrivateNetworks();

    private static final String KEY = "sk-tenant-own-key-0123456789";
    private static JsonHttp http;

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
    }

    @Test
    void theEndpointIsStoredEncryptedShownWithoutItsKeyAndHandedOnlyToTheWorkerAndGates() throws Exception {
        String id = uniqueId("byo");
        Reply created = http.post("/v1/tenants", OPERATOR_TOKEN, body(id,
                ", \"llm_endpoint\": {\"base_url\": \"https://llm.acme.example/v1\", \"api_key\": \"" + KEY
                        + "\", \"model\": \"acme/llama-3-70b\"}"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(KEY);
        assertThat(created.json().path("llm_endpoint").path("api_key_configured").asBoolean()).isTrue();

        Reply shown = http.get("/v1/tenants/" + id, ADMIN_TOKEN);
        assertThat(shown.body()).doesNotContain(KEY);
        assertThat(shown.json().path("llm_endpoint").path("base_url").asText()).isEqualTo("https://llm.acme.example/v1");
        assertThat(shown.json().path("llm_endpoint").path("model").asText()).isEqualTo("acme/llama-3-70b");
        assertThat(shown.json().path("llm_endpoint").has("api_key")).isFalse();
        assertThat(column("SELECT llm_api_key_enc FROM tenant_configs WHERE tenant_id = '" + id + "'").get(0))
                .isNotBlank().doesNotContain(KEY);

        for (String token : List.of(WORKER_TOKEN, GATES_TOKEN)) {
            Reply runtime = http.get("/internal/v1/tenants/" + id + "/runtime-config", token);
            assertThat(runtime.json().path("llm_endpoint").path("api_key").asText()).isEqualTo(KEY);
            assertThat(runtime.json().path("llm_endpoint").path("model").asText()).isEqualTo("acme/llama-3-70b");
        }
        for (String token : List.of(GATEWAY_TOKEN, PROVISIONING_TOKEN)) {
            Reply runtime = http.get("/internal/v1/tenants/" + id + "/runtime-config", token);
            assertThat(runtime.status()).isEqualTo(200);
            assertThat(runtime.body()).doesNotContain(KEY).doesNotContain("llm_endpoint");
        }
        assertThat(auditActions(id)).contains("tenant.llm_endpoint_set");
        assertThat(column("SELECT string_agg(details::text, ' ') FROM audit_log WHERE target_tenant_id = '" + id + "'")
                .get(0)).doesNotContain(KEY);
    }

    @Test
    void aNewKeyIsAuditedAsARotationAndRemovingTheEndpointReturnsTheTenantToThePlatformsLlm() throws Exception {
        String id = createWithEndpoint("rotate");

        Reply rotated = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, "{\"llm_endpoint\": {\"api_key\": \"sk-new-key-987\"}}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain("sk-new-key-987");
        assertThat(http.get("/internal/v1/tenants/" + id + "/runtime-config", WORKER_TOKEN).json()
                .path("llm_endpoint").path("api_key").asText()).isEqualTo("sk-new-key-987");
        assertThat(auditActions(id)).contains("tenant.llm_endpoint_updated", "tenant.llm_api_key_rotated");
        assertThat(column("SELECT actor FROM audit_log WHERE target_tenant_id = '" + id
                + "' AND action = 'tenant.llm_api_key_rotated'")).hasSize(1);

        assertThat(http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, "{\"llm_endpoint\": null}").status()).isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).json().has("llm_endpoint")).isFalse();
        assertThat(http.get("/internal/v1/tenants/" + id + "/runtime-config", WORKER_TOKEN).json().has("llm_endpoint"))
                .isFalse();
        assertThat(auditActions(id)).contains("tenant.llm_endpoint_removed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"llm_endpoint\": {\"base_url\": \"https://169.254.169.254/v1\"}}",
            "{\"llm_endpoint\": {\"base_url\": \"https://127.0.0.1:11434/v1\"}}",
            "{\"llm_endpoint\": {\"base_url\": \"http://llm.other.example/v1\", \"api_key\": \"sk-x\"}}",
            "{\"llm_endpoint\": {\"base_url\": \"https://llm.other.example/v1\"}}",
            "{\"llm_endpoint\": {\"model\": \"bad model name!\"}}",
            "{\"llm_endpoint\": {\"api_key\": \"\"}}",
            "{\"llm_endpoint\": {\"apikey\": \"sk-typo\"}}",
            "{\"llm_endpoint\": {}}",
            "{\"llm_endpoint\": \"https://llm.acme.example/v1\"}",
            "{\"llm_endpoint\": {\"model\": \"acme/other\"}, \"tier\": \"platinum\"}"})
    void badInputIsAJson400AndChangesNothing(String patch) throws Exception {
        String id = createWithEndpoint("bad");
        String before = http.get("/v1/tenants/" + id, ADMIN_TOKEN).body();
        int audits = auditActions(id).size();

        Reply reply = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, patch);

        assertThat(reply.status()).as(patch).isEqualTo(400);
        assertThat(reply.json().path("fields").isArray() || reply.json().has("message")).isTrue();
        assertThat(reply.body()).doesNotContain(KEY).doesNotContain("sk-typo").doesNotContain("Exception");
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).body()).isEqualTo(before);
        assertThat(auditActions(id)).hasSize(audits);
        assertThat(http.get("/internal/v1/tenants/" + id + "/runtime-config", WORKER_TOKEN).json()
                .path("llm_endpoint").path("api_key").asText()).isEqualTo(KEY);
    }

    @Test
    void aCreateWithAnIncompleteEndpointCreatesNothing() throws Exception {
        String id = uniqueId("partial");
        Reply reply = http.post("/v1/tenants", OPERATOR_TOKEN, body(id,
                ", \"llm_endpoint\": {\"base_url\": \"https://llm.acme.example/v1\", \"api_key\": \"" + KEY + "\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("fields").findValuesAsText("field")).contains("llm_endpoint.model");
        assertThat(reply.body()).doesNotContain(KEY);
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(auditActions(id)).isEmpty();
    }

    @Test
    void theErasureAfterTheGracePeriodErasesTheKey() throws Exception {
        String id = createWithEndpoint("offboard");
        String keyColumn = "SELECT coalesce(llm_api_key_enc, 'erased') FROM tenant_configs WHERE tenant_id = '" + id + "'";
        assertThat(http.delete("/v1/tenants/" + id, ADMIN_TOKEN).status()).isLessThan(300);
        assertThat(column(keyColumn)).as("kept while the tenant can still be restored").doesNotContain("erased");

        OffboardingTest.endGracePeriod(SERVICE, id);
        assertThat(http.post("/internal/v1/erasures/" + id, PROVISIONING_TOKEN, "").status()).isEqualTo(200);
        assertThat(column(keyColumn)).containsExactly("erased");
    }

    private static String createWithEndpoint(String prefix) {
        String id = uniqueId(prefix);
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN, body(id,
                ", \"llm_endpoint\": {\"base_url\": \"https://llm.acme.example/v1\", \"api_key\": \"" + KEY
                        + "\", \"model\": \"acme/llama-3-70b\"}")).status()).isEqualTo(201);
        return id;
    }

    private static String body(String id, String extra) {
        return """
                {"tenant_id": "%s", "name": "Acme", "admin_contact_email": "admin@acme.example",
                 "servicedesk_url": "https://sdp.acme.example", "servicedesk_edition": "onprem",
                 "servicedesk_credentials": {"api_key": "SDP-KEY-%s"}%s}""".formatted(id, id, extra);
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> auditActions(String tenantId) throws Exception {
        return column("SELECT action FROM audit_log WHERE target_tenant_id = '" + tenantId + "' ORDER BY id");
    }

    private static List<String> column(String sql) throws Exception {
        return SERVICE.database().columnAsSuperuser(sql);
    }
}
