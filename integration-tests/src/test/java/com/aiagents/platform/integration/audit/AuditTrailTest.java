package com.aiagents.platform.integration.audit;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static com.aiagents.platform.integration.support.Platform.SERVICE_TOKENS;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.integration.support.HttpProxy;
import com.aiagents.platform.integration.support.HttpProxy.Fault;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every state change a person or a service makes lands in {@code audit_log} with who, what and
 * which tenant, through the real platform (each service as its own database role; only
 * tenant-service's may write the table, the others through {@code POST /internal/v1/audit}): an
 * admin's onboarding (with private networks) and each of its steps, Kubernetes applies, gate runs,
 * KB and inventory loads, dead-letter re-queues, ticket-history imports, secret and credential
 * rotations. Afterwards no entry holds any of the fixtures' secrets. And an operator's change whose
 * entry cannot be written is refused with 503, changing nothing.
 */
class AuditTrailTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInClusterMode();

    @AfterEach
    void heal() {
        PLATFORM.tenantServiceProxy().heal();
    }

    @Test
    void everyChangeLandsInTheAuditLogWithWhoWhatAndWhichTenantAndNoSecret() throws Exception {
        String tenant = unique("audit");
        String apiKey = "SDP-KEY-" + tenant;
        String sdpUrl = PLATFORM.sdpInstanceWithHistory(tenant, apiKey);

        JsonHttp.Reply refused = PLATFORM.provisioning().post("/v1/onboardings", OPERATOR, body(tenant, sdpUrl, apiKey));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("admin_only_field");
        assertThat(PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN).status()).isEqualTo(404);

        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, body(tenant, sdpUrl, apiKey));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        assertThat(onboarded.json().path("status").asText()).isEqualTo("succeeded");
        String firstSecret = onboarded.json().path("webhook").path("secret").asText();
        assertThat(PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN).json()
                .path("servicedesk_private_networks").toString()).isEqualTo("[\"10.20.0.0/16\"]");

        JsonHttp worker = PLATFORM.worker();
        assertThat(worker.post("/v1/tenants/" + tenant + "/kb-articles", OPERATOR, "{\"articles\":[{\"article_id\":\"KB-1\","
                + "\"title\":\"Reset a password\",\"content\":\"Use the portal\"}]}").status()).isEqualTo(200);
        assertThat(worker.post("/v1/tenants/" + tenant + "/inventory", ADMIN, "{\"assets\":[{\"asset_id\":\"srv-1\","
                + "\"hostname\":\"mail-01.audit.local\",\"kind\":\"server\",\"status\":\"ok\"}]}").status()).isEqualTo(200);
        assertThat(worker.post("/v1/queue/dead/requeue?tenant_id=" + tenant, OPERATOR, "").status()).isEqualTo(200);
        assertThat(PLATFORM.gatesRunner().post("/v1/gate-runs", ADMIN, "{\"tenant_id\": \"" + tenant + "\", \"gates\": [1]}")
                .status()).isEqualTo(200);
        assertThat(PLATFORM.provisioning().post("/v1/tenants/" + tenant + "/kubernetes/apply", OPERATOR, "").status())
                .isEqualTo(200);
        JsonHttp.Reply rotated = PLATFORM.tenantService().post("/v1/tenants/" + tenant + "/webhook-secret/rotate", ADMIN, "");
        assertThat(rotated.status()).isEqualTo(200);
        String rotatedSecret = rotated.json().path("webhook").path("secret").asText();
        String newKey = apiKey + "-ROTATED";
        assertThat(PLATFORM.tenantService().patch("/v1/tenants/" + tenant, OPERATOR,
                "{\"servicedesk_credentials\": {\"api_key\": \"" + newKey + "\"}}").status()).isEqualTo(200);

        // the background entries (gate results, steps, applies, the import's end) arrive shortly
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(entries(tenant)).contains(
                "provisioning-service (for test-admin)|service|provisioning.onboarding_requested",
                "provisioning-service (for test-admin)|admin|tenant.created",
                "provisioning-service (for test-admin)|admin|tenant.private_networks_changed",
                "provisioning-service|service|provisioning.onboarding_step_finished",
                "enhancement-worker (for test-admin)|service|worker.ticket_history_import_requested",
                "enhancement-worker|service|worker.ticket_history_import_finished",
                "gates-runner (for test-admin)|service|gates.gate_run_requested",
                "gates-runner (for test-admin)|service|gates.gate_run_finished",
                "provisioning-service (for test-admin)|service|tenant.status_changed",
                "enhancement-worker (for platform-operator)|service|worker.kb_articles_load_requested",
                "enhancement-worker (for platform-admin)|service|worker.inventory_load_requested",
                "enhancement-worker (for platform-operator)|service|worker.dead_letters_requeue_requested",
                "provisioning-service (for test-operator)|service|provisioning.kubernetes_apply_requested",
                "provisioning-service (for test-operator)|service|provisioning.kubernetes_applied",
                "test-admin|admin|tenant.webhook_secret_rotated",
                "test-operator|operator|tenant.updated"));

        // each onboarding step, the Kubernetes apply among them, with its outcome
        assertThat(details(tenant, "provisioning.onboarding_step_finished")).anySatisfy(d -> assertThat(d)
                .contains("\"step\": \"provision_kubernetes\"").contains("\"status\": \"succeeded\"").contains("objects applied"));
        assertThat(details(tenant, "provisioning.onboarding_step_finished")).anySatisfy(d -> assertThat(d)
                .contains("\"step\": \"activate\"").contains("\"status\": \"succeeded\""));
        // the onboarding's gate run for the operator who onboarded, and this test's own
        assertThat(details(tenant, "gates.gate_run_finished")).anySatisfy(d -> assertThat(d)
                .contains("\"approved\": true").contains("\"requested_by_service\": \"provisioning-service\""));
        assertThat(details(tenant, "gates.gate_run_finished")).anySatisfy(d -> assertThat(d)
                .contains("\"results\": {\"1\": \"pass\"}").contains("\"approved\": false"));
        assertThat(details(tenant, "worker.ticket_history_import_finished")).anySatisfy(d -> assertThat(d)
                .contains("\"status\": \"completed\"").contains("\"imported\": " + Platform.RESOLVED_REQUESTS));
        assertThat(details(tenant, "tenant.updated")).anySatisfy(d -> assertThat(d).contains("servicedesk_credentials"));

        String everything = String.join("\n", column("SELECT actor || action || coalesce(target_tenant_id, '') || details::text"
                + " FROM audit_log"));
        List<String> secrets = new ArrayList<>(List.of(apiKey, newKey, firstSecret, rotatedSecret, ADMIN, OPERATOR,
                PLATFORM.encryptionKey()));
        secrets.addAll(SERVICE_TOKENS);
        assertThat(secrets).allSatisfy(secret -> assertThat(everything).doesNotContain(secret));
    }

    @Test
    void anOperatorsChangeWhoseEntryCannotBeWrittenIsRefusedWith503AndChangesNothing() throws Exception {
        String tenant = unique("closed");
        String apiKey = "SDP-KEY-" + tenant;
        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN,
                body(tenant, PLATFORM.sdpInstanceWithHistory(tenant, apiKey), apiKey));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        String secret = "tenant-" + tenant + "-credentials";
        PLATFORM.cluster().client().secrets().inNamespace("ai-agents").withName(secret).delete();
        int before = column("SELECT id FROM audit_log WHERE target_tenant_id = '" + tenant + "'").size();

        // provisioning-service reaches tenant-service (and so the audit log) through this proxy
        HttpProxy proxy = PLATFORM.tenantServiceProxy();
        proxy.fault(Fault.DOWN, HttpProxy.call("POST", "/internal/v1/audit"));
        JsonHttp.Reply refused = PLATFORM.provisioning().post("/v1/tenants/" + tenant + "/kubernetes/apply", OPERATOR, "");

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).isEqualTo("audit_unavailable");
        assertThat(refused.json().path("message").asText()).contains("nothing was changed");
        assertThat(PLATFORM.cluster().client().secrets().inNamespace("ai-agents").withName(secret).get())
                .as("the apply did not run").isNull();
        assertThat(column("SELECT id FROM audit_log WHERE target_tenant_id = '" + tenant + "'")).hasSize(before);

        proxy.heal();
        assertThat(PLATFORM.provisioning().post("/v1/tenants/" + tenant + "/kubernetes/apply", OPERATOR, "").status())
                .isEqualTo(200);
        assertThat(PLATFORM.cluster().client().secrets().inNamespace("ai-agents").withName(secret).get()).isNotNull();
        assertThat(entries(tenant)).contains("provisioning-service (for test-operator)|service|provisioning.kubernetes_apply_requested");
    }

    @Test
    void anOnboardingWhoseEntryCannotBeWrittenIsRefusedBeforeAnythingStarts() throws Exception {
        String tenant = unique("nolog");
        String apiKey = "SDP-KEY-" + tenant;
        String sdpUrl = PLATFORM.sdpInstanceWithHistory(tenant, apiKey);
        PLATFORM.tenantServiceProxy().fault(Fault.DOWN);

        JsonHttp.Reply refused = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, body(tenant, sdpUrl, apiKey));

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).isEqualTo("audit_unavailable");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body()).doesNotContain(apiKey);
        assertThat(PLATFORM.provisioning().get("/v1/onboardings?tenant_id=" + tenant, ADMIN).json().path("onboardings"))
                .as("no onboarding was started").isEmpty();
        assertThat(entries(tenant)).isEmpty();
    }

    private static String body(String tenant, String sdpUrl, String apiKey) {
        return "{\"tenant_id\": \"" + tenant + "\", \"name\": \"Tenant " + tenant + "\", \"tier\": \"basic\","
                + " \"admin_contact_email\": \"admin@" + tenant + ".example\", \"servicedesk_url\": \"" + sdpUrl + "\","
                + " \"servicedesk_edition\": \"onprem\", \"servicedesk_credentials\": {\"api_key\": \"" + apiKey + "\"},"
                + " \"servicedesk_private_networks\": [\"10.20.0.0/16\"]}";
    }

    /** actor|actor_role|action of the tenant's entries. */
    private static List<String> entries(String tenant) throws Exception {
        return column("SELECT actor || '|' || actor_role || '|' || action FROM audit_log WHERE target_tenant_id = '"
                + tenant + "' ORDER BY id");
    }

    private static List<String> details(String tenant, String action) throws Exception {
        return column("SELECT details::text FROM audit_log WHERE target_tenant_id = '" + tenant + "' AND action = '"
                + action + "' ORDER BY id");
    }

    private static List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = PLATFORM.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
