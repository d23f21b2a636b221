package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATES_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.VIEWER_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prompt bundles through real HTTP against a real tenant-service and PostgreSQL: the overlay by
 * section key, drafts that change nothing until published, versions kept, isolation between
 * tenants (seed 003's "tenant A's section never appears in tenant B's composed prompt"), bad
 * input refused with nothing changed, who may call what, and the audit trail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromptBundleApiTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();

    private static JsonHttp http;

    private static final String GLOBAL = """
            {"sections": [
              {"key": "tone", "text": "Write for a technician: short, factual, no marketing.", "order": 10},
              {"key": "safety", "text": "Never suggest deleting user data.", "order": 20},
              {"key": "format", "text": "Number the suggested actions.", "order": 30}]}""";

    @BeforeAll
    static void globalBundleInProduction() {
        http = new JsonHttp(SERVICE.baseUrl());
        assertThat(http.send("PUT", "/v1/prompt-bundles/global", ADMIN_TOKEN, GLOBAL).status()).isEqualTo(200);
        assertThat(http.post("/v1/prompt-bundles/global/publish", ADMIN_TOKEN, null).status()).isEqualTo(200);
    }

    private static String tenant(String prefix) {
        return TenantApiTest.createTenant(http, prefix);
    }

    private static Reply put(String tenantId, String body) {
        return http.send("PUT", "/v1/tenants/" + tenantId + "/prompt-bundle", OPERATOR_TOKEN, body);
    }

    private static Reply publish(String tenantId) {
        return http.post("/v1/tenants/" + tenantId + "/prompt-bundle/publish", OPERATOR_TOKEN, null);
    }

    private static JsonNode composed(String tenantId) {
        Reply reply = http.get("/v1/tenants/" + tenantId + "/prompt-bundle/composed", WORKER_TOKEN);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> keysAndSources(JsonNode composed) {
        List<String> out = new ArrayList<>();
        composed.path("sections").forEach(s -> out.add(s.path("key").asText() + "/" + s.path("source").asText()));
        return out;
    }

    @Test
    void aTenantSectionReplacesTheGlobalOneWithItsKeyAndTheComposedPromptFollowsOrder() throws Exception {
        String id = tenant("overlay");
        assertThat(put(id, """
                {"sections": [
                  {"key": "safety", "text": "Never suggest rebooting domain controllers in business hours.", "order": 5},
                  {"key": "escalation", "text": "Escalate anything about payroll to the finance desk.", "order": 25}]}""")
                .status()).isEqualTo(200);
        assertThat(publish(id).status()).isEqualTo(200);

        JsonNode composed = composed(id);
        assertThat(keysAndSources(composed)).containsExactly("safety/tenant", "tone/global", "escalation/tenant", "format/global");
        String text = "Never suggest rebooting domain controllers in business hours.\n\n"
                + "Write for a technician: short, factual, no marketing.\n\n"
                + "Escalate anything about payroll to the finance desk.\n\n"
                + "Number the suggested actions.";
        assertThat(composed.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))));
        assertThat(composed.toString()).doesNotContain("deleting user data"); // the global section it replaced
        assertThat(composed.path("version").asText()).isEqualTo("g1-t1");
        ComposedPrompt parsed = JsonMapper.create().treeToValue(composed, ComposedPrompt.class);
        assertThat(parsed.consistent()).isTrue();
        assertThat(parsed.text()).isEqualTo(text);
    }

    @Test
    void aDraftIsNeverComposedUntilPublishedAndEveryVersionIsKept() {
        String id = tenant("versions");
        JsonNode inherited = composed(id);
        assertThat(keysAndSources(inherited)).containsExactly("tone/global", "safety/global", "format/global");
        assertThat(inherited.path("tenant_version").isNull()).isTrue();

        Reply draft = put(id, "{\"sections\": [{\"key\": \"tone\", \"text\": \"Draft tone one.\", \"order\": 10}]}");
        assertThat(draft.status()).isEqualTo(200);
        assertThat(draft.json().path("status").asText()).isEqualTo("draft");
        assertThat(draft.json().path("version").asInt()).isEqualTo(1);
        assertThat(composed(id)).as("a draft is not used").isEqualTo(inherited);

        // a second PUT replaces the same draft
        assertThat(put(id, "{\"sections\": [{\"key\": \"tone\", \"text\": \"Tenant tone v1.\", \"order\": 10}]}")
                .json().path("version").asInt()).isEqualTo(1);
        assertThat(composed(id)).isEqualTo(inherited);
        Reply published = publish(id);
        assertThat(published.json().path("status").asText()).isEqualTo("production");
        assertThat(composed(id).toString()).contains("Tenant tone v1.").doesNotContain("Draft tone one.");
        String v1Hash = composed(id).path("sha256").asText();

        // version 2: drafted while version 1 serves, then published; version 1 is kept as retired
        assertThat(put(id, "{\"sections\": [{\"key\": \"tone\", \"text\": \"Tenant tone v2.\", \"order\": 10}]}")
                .json().path("version").asInt()).isEqualTo(2);
        assertThat(composed(id).path("sha256").asText()).isEqualTo(v1Hash);
        JsonNode state = http.get("/v1/tenants/" + id + "/prompt-bundle", OPERATOR_TOKEN).json();
        assertThat(state.path("production").path("version").asInt()).isEqualTo(1);
        assertThat(state.path("draft").path("version").asInt()).isEqualTo(2);
        publish(id);
        assertThat(composed(id).toString()).contains("Tenant tone v2.").doesNotContain("Tenant tone v1.");
        assertThat(composed(id).path("sha256").asText()).isNotEqualTo(v1Hash);
        state = http.get("/v1/tenants/" + id + "/prompt-bundle", OPERATOR_TOKEN).json();
        assertThat(state.path("draft").isNull()).isTrue();
        assertThat(state.path("versions").toString()).contains("\"version\":2,\"status\":\"production\"",
                "\"version\":1,\"status\":\"retired\"");

        Reply nothingToPublish = publish(id);
        assertThat(nothingToPublish.status()).isEqualTo(409);
        assertThat(nothingToPublish.json().path("error").asText()).isEqualTo("no_draft");
    }

    /** Seed 003's isolation check, through the API and as tenant-service's own role under RLS. */
    @Test
    void tenantASectionNeverAppearsInTenantBComposedPrompt() throws Exception {
        String a = tenant("iso-a");
        String b = tenant("iso-b");
        String secretRule = "Tenant A only: call the Contoso night desk on 555-0100 before any change.";
        put(a, "{\"sections\": [{\"key\": \"a-only\", \"text\": \"" + secretRule + "\", \"order\": 1},"
                + "{\"key\": \"tone\", \"text\": \"Tenant A tone.\", \"order\": 10}]}");
        publish(a);
        put(b, "{\"sections\": [{\"key\": \"b-only\", \"text\": \"Tenant B rule.\", \"order\": 1}]}");
        publish(b);

        assertThat(composed(a).toString()).contains(secretRule, "Tenant A tone.");
        JsonNode composedB = composed(b);
        assertThat(composedB.toString()).doesNotContain(secretRule).doesNotContain("Tenant A tone.").doesNotContain("a-only")
                .contains("Tenant B rule.", "Write for a technician");
        assertThat(http.get("/v1/tenants/" + b + "/prompt-bundle", ADMIN_TOKEN).body()).doesNotContain(secretRule);

        try (Connection c = SERVICE.database().connectAs(ServiceRole.TENANT_SERVICE)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('app.current_tenant_id', '" + b + "', true)");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM tenant_prompt_bundles WHERE tenant_id = '" + a
                        + "' OR sections::text LIKE '%Contoso%'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("tenant A's rows seen in tenant B's context").isZero();
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM tenant_prompt_bundles")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("tenant B's own row: the control").isEqualTo(1);
                }
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void badInputIsAJson400AndChangesNothing() {
        String id = tenant("bad-input");
        put(id, "{\"sections\": [{\"key\": \"tone\", \"text\": \"Kept.\", \"order\": 10}]}");
        publish(id);
        String before = http.get("/v1/tenants/" + id + "/prompt-bundle", OPERATOR_TOKEN).body();
        String composedBefore = composed(id).toString();
        long auditBefore = auditRows(id);

        for (String bad : List.of("{}", "[]", "{\"sections\": {}}", "{\"sections\": [], \"extra\": 1}",
                "{\"sections\": [{\"key\": \"Tone!\", \"text\": \"x\", \"order\": 1}]}",
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"\", \"order\": 1}]}",
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"x\", \"order\": -1}]}",
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"x\", \"order\": \"1\"}]}",
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"x\", \"order\": 1, \"colour\": \"red\"}]}",
                "{\"sections\": [{\"key\": \"a\", \"text\": \"x\", \"order\": 1}, {\"key\": \"a\", \"text\": \"y\", \"order\": 2}]}",
                "{\"sections\": [{\"key\": \"a\", \"text\": \"" + "x".repeat(4001) + "\", \"order\": 1}]}")) {
            Reply reply = put(id, bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).as(bad).isEqualTo("invalid_request");
            assertThat(reply.json().path("message").asText()).as(bad).isNotBlank();
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at com.");
        }
        Reply notJson = http.send("PUT", "/v1/tenants/" + id + "/prompt-bundle", OPERATOR_TOKEN, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("code").asInt()).isEqualTo(400);
        Reply badGlobal = http.send("PUT", "/v1/prompt-bundles/global", ADMIN_TOKEN, "{}");
        assertThat(badGlobal.status()).isEqualTo(400);
        assertThat(http.get("/v1/tenants/Not_A_Tenant/prompt-bundle/composed", WORKER_TOKEN).status()).isEqualTo(400);
        assertThat(http.get("/v1/tenants/nobody-here/prompt-bundle/composed", WORKER_TOKEN).json().path("error").asText())
                .isEqualTo("tenant_not_found");
        assertThat(put("nobody-here", "{\"sections\": []}").status()).isEqualTo(404);

        assertThat(http.get("/v1/tenants/" + id + "/prompt-bundle", OPERATOR_TOKEN).body()).isEqualTo(before);
        assertThat(composed(id).toString()).isEqualTo(composedBefore);
        assertThat(auditRows(id)).isEqualTo(auditBefore);
    }

    @Test
    void onlyAdminsWriteTheGlobalBundleOperatorsATenantsAndOnlyTheWorkerReadsTheComposedPrompt() {
        String id = tenant("access");
        String body = "{\"sections\": []}";
        assertThat(http.send("PUT", "/v1/prompt-bundles/global", OPERATOR_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.get("/v1/prompt-bundles/global", OPERATOR_TOKEN).status()).isEqualTo(403);
        assertThat(http.send("PUT", "/v1/prompt-bundles/global", WORKER_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.send("PUT", "/v1/tenants/" + id + "/prompt-bundle", VIEWER_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.send("PUT", "/v1/tenants/" + id + "/prompt-bundle", WORKER_TOKEN, body).status()).isEqualTo(403);
        assertThat(http.get("/v1/tenants/" + id + "/prompt-bundle/composed", GATES_TOKEN).status()).isEqualTo(403);
        assertThat(http.get("/v1/tenants/" + id + "/prompt-bundle/composed", VIEWER_TOKEN).status()).isEqualTo(403);
        assertThat(http.get("/v1/tenants/" + id + "/prompt-bundle/composed", null).status()).isEqualTo(401);
        assertThat(http.get("/v1/tenants/" + id + "/prompt-bundle/composed", OPERATOR_TOKEN).status()).isEqualTo(200);
        assertThat(http.send("PUT", "/v1/tenants/" + id + "/prompt-bundle", ADMIN_TOKEN, body).status()).isEqualTo(200);
    }

    /** Last: it changes the global bundle the other tests compose with. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aGlobalDraftReachesNoTenantUntilPublishedAndBothStepsAreAudited() throws Exception {
        String id = tenant("global-draft");
        String before = composed(id).path("sha256").asText();
        long audited = auditRows(null);
        Reply draft = http.send("PUT", "/v1/prompt-bundles/global", ADMIN_TOKEN,
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"Global tone v2.\", \"order\": 10}]}");
        assertThat(draft.json().path("version").asInt()).isEqualTo(2);
        assertThat(composed(id).path("sha256").asText()).isEqualTo(before);
        assertThat(http.post("/v1/prompt-bundles/global/publish", ADMIN_TOKEN, null).json().path("status").asText())
                .isEqualTo("production");
        JsonNode after = composed(id);
        assertThat(after.path("sha256").asText()).isNotEqualTo(before);
        assertThat(keysAndSources(after)).containsExactly("tone/global");
        assertThat(after.path("global_version").asInt()).isEqualTo(2);
        JsonNode global = http.get("/v1/prompt-bundles/global", ADMIN_TOKEN).json();
        assertThat(global.path("versions").toString()).contains("\"version\":1,\"status\":\"retired\"");

        assertThat(auditRows(null)).isEqualTo(audited + 2);
        try (Connection c = SERVICE.database().connectAs(ServiceRole.TENANT_SERVICE);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT action, actor, details->>'version' FROM audit_log "
                     + "WHERE action LIKE 'prompt_bundle.%' AND target_tenant_id IS NULL ORDER BY id DESC LIMIT 2")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(3));
            }
            assertThat(rows).containsExactly("prompt_bundle.published 2", "prompt_bundle.draft_saved 2");
        }
    }

    private static long auditRows(String tenantId) {
        try (Connection c = SERVICE.database().connectAs(ServiceRole.TENANT_SERVICE);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action LIKE 'prompt_bundle.%' AND "
                     + (tenantId == null ? "target_tenant_id IS NULL" : "target_tenant_id = '" + tenantId + "'"))) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
