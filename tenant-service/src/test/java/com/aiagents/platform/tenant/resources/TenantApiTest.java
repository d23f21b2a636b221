package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATES_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATEWAY_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.PROVISIONING_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenant API through real HTTP, against a real tenant-service and PostgreSQL. */
class TenantApiTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension("https://hooks.msp.example");

    private static JsonHttp http;
    private static LogCapture logs;
    private static final List<String> SECRETS_SEEN = new ArrayList<>();

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
        logs = LogCapture.attach();
    }

    @AfterAll
    static void noSecretWasEverLogged() {
        logs.close();
        assertThat(SECRETS_SEEN).isNotEmpty();
        for (String secret : SECRETS_SEEN) {
            assertThat(logs.linesContaining(secret)).as("log lines containing a secret").isEmpty();
        }
    }

    static String createBody(String tenantId, String apiKey) {
        return """
                {"tenant_id": "%s", "name": "Acme Corporation", "tier": "premium",
                 "admin_contact_email": "admin@acme.example",
                 "servicedesk_url": "https://acme.sdpondemand.example", "servicedesk_edition": "onprem",
                 "servicedesk_credentials": {"api_key": "%s"},
                 "webhook_auth": {"mode": "hmac"},
                 "enhancement_preferences": {"output_format": "html", "max_tokens": 500},
                 "rate_limits": {"requests_per_minute": 100}}""".formatted(tenantId, apiKey);
    }

    /** A new tenant, created by the admin through {@code http}: its id. */
    static String createTenant(JsonHttp http, String prefix) {
        String id = uniqueId(prefix);
        Reply created = http.post("/v1/tenants", TenantServiceExtension.ADMIN_TOKEN, createBody(id, "key-" + id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Reply create(String tenantId, String apiKey) {
        SECRETS_SEEN.add(apiKey);
        Reply reply = http.post("/v1/tenants", OPERATOR_TOKEN, createBody(tenantId, apiKey));
        if (reply.status() == 201) {
            SECRETS_SEEN.add(reply.json().at("/webhook/secret").asText());
        }
        return reply;
    }

    @Test
    void withPrivateNetworksAllowedTheSimulatorsPlainHttpLoopbackUrlIsAccepted() {
        // this service runs as tests and the local run do, with SDP_ALLOW_PRIVATE_NETWORKS=true
        String body = createBody(uniqueId("local"), "SDP-TECH-KEY-" + UUID.randomUUID())
                .replace("https://acme.sdpondemand.example", "http://127.0.0.1:8090/sdp/acme");

        Reply created = http.post("/v1/tenants", ADMIN_TOKEN, body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("servicedesk_url").asText()).isEqualTo("http://127.0.0.1:8090/sdp/acme");
        SECRETS_SEEN.add(created.json().at("/webhook/secret").asText());
    }

    @Test
    void createAnswersTheRecordAndTheWebhookSecretOnce() {
        String id = uniqueId("acme");
        String apiKey = "SDP-TECH-KEY-" + UUID.randomUUID();
        Reply created = create(id, apiKey);

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("tenant_id").asText()).isEqualTo(id);
        assertThat(body.get("status").asText()).isEqualTo("onboarding");
        assertThat(body.get("tier").asText()).isEqualTo("premium");
        assertThat(body.at("/enhancement_preferences/max_tokens").asInt()).isEqualTo(500);
        assertThat(body.at("/enhancement_preferences/context_sources")).hasSize(3);
        assertThat(body.at("/webhook/secret").asText()).matches("[0-9a-f]{64}");
        assertThat(body.at("/webhook/url").asText())
                .isEqualTo("https://hooks.msp.example/webhook/servicedesk?tenant_id=" + id);
        assertThat(body.at("/webhook/mode").asText()).isEqualTo("hmac");
        assertThat(body.at("/webhook/signature_header").asText()).isEqualTo("X-ServiceDesk-Signature");
        assertThat(created.body()).doesNotContain(apiKey);
        assertThat(created.header("Location")).endsWith("/v1/tenants/" + id);

        String secret = body.at("/webhook/secret").asText();
        Reply fetched = http.get("/v1/tenants/" + id, VIEWER_TOKEN);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).doesNotContain(secret).doesNotContain(apiKey).doesNotContain("\"secret\"");
        assertThat(fetched.json().at("/servicedesk_credentials/configured").asBoolean()).isTrue();

        Reply listed = http.get("/v1/tenants?limit=1000", VIEWER_TOKEN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(secret).doesNotContain(apiKey);
    }

    @Test
    void theListingFiltersByTierAndSearchesIdAndNameServerSidePageByPage() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String premium = "find-" + marker + "-one";
        String basic = "find-" + marker + "-two";
        String byName = uniqueId("other");
        assertThat(http.post("/v1/tenants", ADMIN_TOKEN, createBody(premium, "key-" + premium)).status()).isEqualTo(201);
        assertThat(http.post("/v1/tenants", ADMIN_TOKEN, createBody(basic, "key-" + basic)
                .replace("\"tier\": \"premium\"", "\"tier\": \"basic\"")).status()).isEqualTo(201);
        assertThat(http.post("/v1/tenants", ADMIN_TOKEN, createBody(byName, "key-" + byName)
                .replace("Acme Corporation", "Found By " + marker.toUpperCase())).status()).isEqualTo(201);

        assertThat(ids(http.get("/v1/tenants?q=" + marker, VIEWER_TOKEN))).containsExactly(premium, basic, byName);
        assertThat(ids(http.get("/v1/tenants?q=" + marker + "&tier=basic", VIEWER_TOKEN))).containsExactly(basic);
        assertThat(ids(http.get("/v1/tenants?q=" + marker + "&limit=1&offset=1", VIEWER_TOKEN))).containsExactly(basic);
        assertThat(ids(http.get("/v1/tenants?q=" + marker + "&status=active", VIEWER_TOKEN))).isEmpty();
        assertThat(ids(http.get("/v1/tenants?tier=premium&limit=1000", VIEWER_TOKEN))).contains(premium, byName)
                .doesNotContain(basic);
        assertThat(http.get("/v1/tenants?tier=gold", VIEWER_TOKEN).status()).isEqualTo(400);
        assertThat(http.get("/v1/tenants?q=", VIEWER_TOKEN).status()).isEqualTo(400);
    }

    private static List<String> ids(Reply listed) {
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        listed.json().path("tenants").forEach(t -> ids.add(t.path("tenant_id").asText()));
        return ids;
    }

    @Test
    void generatedTenantIdsAreLowerCaseUuids() {
        String body = createBody("x", "KEY-" + UUID.randomUUID()).replace("\"tenant_id\": \"x\",", "");
        Reply created = http.post("/v1/tenants", ADMIN_TOKEN, body);
        assertThat(created.status()).isEqualTo(201);
        SECRETS_SEEN.add(created.json().at("/webhook/secret").asText());
        assertThat(created.json().get("tenant_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void storedSecretsAreCiphertext() throws SQLException {
        String id = uniqueId("vault");
        String apiKey = "SDP-TECH-KEY-" + UUID.randomUUID();
        String secret = create(id, apiKey).json().at("/webhook/secret").asText();
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT servicedesk_credentials_enc, webhook_secret_enc, "
                     + "tenant_configs::text FROM tenant_configs WHERE tenant_id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(apiKey);
            assertThat(rs.getString(2)).startsWith("v1:").doesNotContain(secret);
            assertThat(rs.getString(3)).doesNotContain(apiKey).doesNotContain(secret);
        }
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(details::text || action || actor, ' ') FROM audit_log "
                     + "WHERE target_tenant_id = '" + id + "'")) {
            rs.next();
            assertThat(rs.getString(1)).contains("tenant.created").contains("test-operator")
                    .doesNotContain(apiKey).doesNotContain(secret);
        }
    }

    @Test
    void theInternalRuntimeConfigIsForTheServiceRoleOnly() {
        String id = uniqueId("runtime");
        String apiKey = "SDP-TECH-KEY-" + UUID.randomUUID();
        String secret = create(id, apiKey).json().at("/webhook/secret").asText();
        String path = "/internal/v1/tenants/" + id + "/runtime-config";

        Reply config = http.get(path, GATES_TOKEN);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().at("/webhook/secret").asText()).isEqualTo(secret);
        assertThat(config.json().at("/servicedesk/credentials/api_key").asText()).isEqualTo(apiKey);
        assertThat(config.json().at("/servicedesk/edition").asText()).isEqualTo("onprem");
        assertThat(config.json().at("/rate_limits/requests_per_minute").asInt()).isEqualTo(100);

        assertThat(http.get(path, ADMIN_TOKEN).status()).isEqualTo(403);
        assertThat(http.get(path, null).status()).isEqualTo(401);
        assertThat(http.get("/internal/v1/tenants/nobody-here/runtime-config", GATES_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void eachServiceGetsOnlyThePartsOfTheRuntimeConfigItUses() {
        String id = uniqueId("audience");
        String apiKey = "SDP-TECH-KEY-" + UUID.randomUUID();
        String secret = create(id, apiKey).json().at("/webhook/secret").asText();
        String path = "/internal/v1/tenants/" + id + "/runtime-config";

        // the gateway verifies webhooks: the secret, the rate limit, no SDP credentials
        JsonNode gateway = http.get(path, GATEWAY_TOKEN).json();
        assertThat(gateway.at("/webhook/secret").asText()).isEqualTo(secret);
        assertThat(gateway.at("/rate_limits/requests_per_minute").asInt()).isEqualTo(100);
        assertThat(gateway.at("/status").asText()).isEqualTo("onboarding");
        assertThat(gateway.toString()).doesNotContain(apiKey).doesNotContain("servicedesk").doesNotContain("enhancement_preferences");

        // the worker calls SDP: URL, edition, credentials and preferences, no webhook secret
        JsonNode worker = http.get(path, WORKER_TOKEN).json();
        assertThat(worker.at("/servicedesk/credentials/api_key").asText()).isEqualTo(apiKey);
        assertThat(worker.at("/servicedesk/url").asText()).startsWith("https://");
        assertThat(worker.at("/enhancement_preferences/output_format").isTextual()).isTrue();
        assertThat(worker.toString()).doesNotContain(secret).doesNotContain("\"webhook\":{");

        // provisioning-service writes the credentials Secret: credentials, no webhook secret
        JsonNode provisioning = http.get(path, PROVISIONING_TOKEN).json();
        assertThat(provisioning.at("/servicedesk/credentials/api_key").asText()).isEqualTo(apiKey);
        assertThat(provisioning.toString()).doesNotContain(secret);
    }

    @Test
    void actingForAnOperatorIsHonouredFromProvisioningServiceOnly() throws SQLException {
        String id = uniqueId("acting");
        create(id, "KEY-" + UUID.randomUUID());
        String body = "{\"status\":\"configured\"}";

        Reply fromGates = http.post("/v1/tenants/" + id + "/status", GATES_TOKEN, body, "X-Acting-For", "mallory");
        assertThat(fromGates.status()).isEqualTo(403);
        Reply fromOperator = http.post("/v1/tenants/" + id + "/status", OPERATOR_TOKEN, body, "X-Acting-For", "mallory");
        assertThat(fromOperator.status()).isEqualTo(403);
        assertThat(http.get("/v1/tenants/" + id, VIEWER_TOKEN).json().path("status").asText()).isEqualTo("onboarding");

        Reply fromProvisioning = http.post("/v1/tenants/" + id + "/status", PROVISIONING_TOKEN, body, "X-Acting-For", "alice");
        assertThat(fromProvisioning.status()).isEqualTo(200);
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(actor, ' ') FROM audit_log WHERE target_tenant_id = '" + id + "'")) {
            rs.next();
            assertThat(rs.getString(1)).contains("provisioning-service (for alice)").doesNotContain("mallory");
        }
    }

    @Test
    void aDuplicateTenantIdIsAConflict() {
        String id = uniqueId("dup");
        assertThat(create(id, "KEY-" + UUID.randomUUID()).status()).isEqualTo(201);
        Reply again = create(id, "KEY-" + UUID.randomUUID());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("tenant_exists");
    }

    @Test
    void aCreateRepeatedWithTheSameOnboardingIdReturnsTheSameTenantWithANewSecret() {
        String id = uniqueId("repeat");
        String onboarding = UUID.randomUUID().toString();
        String body = createBody(id, "KEY-" + UUID.randomUUID());
        Reply first = http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Onboarding-Id", onboarding);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("onboarding_id").asText()).isEqualTo(onboarding);

        Reply repeated = http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Onboarding-Id", onboarding);

        assertThat(repeated.status()).as(repeated.body()).isEqualTo(200);
        assertThat(repeated.json().path("tenant_id").asText()).isEqualTo(id);
        String secret = repeated.json().path("webhook").path("secret").asText();
        assertThat(secret).matches("[0-9a-f]{64}").isNotEqualTo(first.json().path("webhook").path("secret").asText());
        assertThat(repeated.json().path("webhook").has("previous_secret_valid_until"))
                .as("the lost answer's secret was never shown: no grace for it").isFalse();
        assertThat(http.get("/v1/tenants/" + id, VIEWER_TOKEN).json().path("onboarding_id").asText()).isEqualTo(onboarding);

        Reply other = http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Onboarding-Id", UUID.randomUUID().toString());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("error").asText()).isEqualTo("tenant_exists");
        assertThat(create(id, "KEY-" + UUID.randomUUID()).status()).as("without an onboarding id").isEqualTo(409);
        assertThat(http.post("/v1/tenants", PROVISIONING_TOKEN, body, "X-Onboarding-Id", "not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void tokensAndRolesAreEnforced() {
        String body = createBody(uniqueId("auth"), "KEY-" + UUID.randomUUID());
        Reply missing = http.post("/v1/tenants", null, body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("code").asInt()).isEqualTo(401);
        assertThat(http.post("/v1/tenants", "not-a-valid-token-at-all", body).status()).isEqualTo(401);
        Reply viewer = http.post("/v1/tenants", VIEWER_TOKEN, body);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().get("code").asInt()).isEqualTo(403);
        assertThat(http.post("/v1/admin/reencrypt-secrets", OPERATOR_TOKEN, "").status()).isEqualTo(403);
    }

    @Test
    void patchMergesPreferencesAndRejectsWhatItCannotChange() {
        String id = uniqueId("patch");
        create(id, "KEY-" + UUID.randomUUID());
        Reply patched = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN,
                "{\"enhancement_preferences\": {\"max_tokens\": 1200}, \"rate_limits\": {\"requests_per_minute\": 250}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/enhancement_preferences/max_tokens").asInt()).isEqualTo(1200);
        assertThat(patched.json().at("/enhancement_preferences/output_format").asText()).isEqualTo("html");
        assertThat(patched.json().at("/rate_limits/requests_per_minute").asInt()).isEqualTo(250);

        for (String bad : List.of("{\"status\": \"active\"}", "{\"tenant_id\": \"other\"}",
                "{\"enhancement_preferences\": {\"temperature\": 1}}", "{}", "[]",
                "{\"servicedesk_edition\": \"cloud\"}", "{\"enhancement_preferences\": {\"max_tokens\": 4001}}")) {
            Reply rejected = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, bad);
            assertThat(rejected.status()).as(bad).isEqualTo(400);
            assertThat(rejected.json().get("message").asText()).as(bad).isNotBlank();
        }
        JsonNode after = http.get("/v1/tenants/" + id, VIEWER_TOKEN).json();
        assertThat(after.at("/enhancement_preferences/max_tokens").asInt()).isEqualTo(1200);
        assertThat(after.get("status").asText()).isEqualTo("onboarding");
        assertThat(after.get("servicedesk_edition").asText()).isEqualTo("onprem");
    }

    @Test
    void rotationKeepsThePreviousSecretForAGracePeriod() {
        String id = uniqueId("rotate");
        String first = create(id, "KEY-" + UUID.randomUUID()).json().at("/webhook/secret").asText();
        Reply rotated = http.post("/v1/tenants/" + id + "/webhook-secret/rotate", OPERATOR_TOKEN, "");
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().at("/webhook/secret").asText();
        SECRETS_SEEN.add(second);
        assertThat(second).matches("[0-9a-f]{64}").isNotEqualTo(first);

        JsonNode config = http.get("/internal/v1/tenants/" + id + "/runtime-config", GATES_TOKEN).json();
        assertThat(config.at("/webhook/secret").asText()).isEqualTo(second);
        assertThat(config.at("/webhook/previous_secret").asText()).isEqualTo(first);
        Instant until = Instant.parse(config.at("/webhook/previous_secret_expires_at").asText());
        assertThat(until).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(http.get("/v1/tenants/" + id, VIEWER_TOKEN).body()).doesNotContain(first).doesNotContain(second);
    }

    @Test
    void activationNeedsARecordedRunWithAllFourGatesPassed() throws SQLException {
        String id = uniqueId("life");
        create(id, "KEY-" + UUID.randomUUID());
        assertThat(status(id, "active").status()).as("onboarding -> active").isEqualTo(409);
        assertThat(status(id, "configured").status()).isEqualTo(200);

        Reply refused = status(id, "active");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("gates_not_passed");

        recordGateRun(id, "run-1", true, true, true, false);
        assertThat(status(id, "active").status()).as("3 of 4 passed").isEqualTo(409);
        recordGateRun(id, "run-2", true, true, true, true);
        Reply activated = status(id, "active");
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().get("status").asText()).isEqualTo("active");

        assertThat(status(id, "suspended").json().get("status").asText()).isEqualTo("suspended");
        recordGateRun(id, "run-3", false, true, true, true);
        assertThat(status(id, "active").status()).as("a later failing run revokes the pass").isEqualTo(409);
        recordGateRun(id, "run-4", true, true, true, true);
        assertThat(status(id, "active").status()).isEqualTo(200);
        assertThat(status(id, "onboarding").status()).isEqualTo(409);
        assertThat(status(id, "bogus").status()).isEqualTo(400);
    }

    @Test
    void goingLiveNeedsARecentRunAndIsAuditedWithItsRule() throws SQLException {
        String id = configuredTenant("golive");
        recordGateRun(id, "run-old", true, true, true, true);
        ageGateRun(id, "run-old", Duration.ofHours(25));

        Reply stale = status(id, "active");
        assertThat(stale.status()).as("older than gateRunMaxAge (24 h)").isEqualTo(409);
        assertThat(stale.json().get("error").asText()).isEqualTo("gates_not_passed");
        assertThat(stale.json().get("message").asText()).contains("within the last 24 hours");

        recordGateRun(id, "run-new", true, true, true, true);
        assertThat(status(id, "active").status()).isEqualTo(200);
        JsonNode audited = lastStatusChange(id);
        assertThat(audited.get("rule").asText()).isEqualTo("activate_recent_passing_run");
        assertThat(audited.get("gate_run_id").asText()).isEqualTo("run-new");
        assertThat(audited.get("gate_run_age_seconds").asLong()).isBetween(0L, 3600L);
    }

    @Test
    void aSuspendedTenantResumesOnItsLastFullPassingRunAtAnyAge() throws SQLException {
        String id = activeTenant("resume", "run-1");
        assertThat(status(id, "suspended").status()).isEqualTo(200);
        ageGateRun(id, "run-1", Duration.ofHours(72));
        recordGateRun(id, "run-partial", true);

        Reply resumed = status(id, "active");

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isEqualTo("active");
        JsonNode audited = lastStatusChange(id);
        assertThat(audited.get("from").asText()).isEqualTo("suspended");
        assertThat(audited.get("rule").asText()).isEqualTo("resume_last_passing_run");
        assertThat(audited.get("gate_run_id").asText()).as("a passing partial run is not a full run").isEqualTo("run-1");
        assertThat(audited.get("gate_run_age_seconds").asLong()).isGreaterThanOrEqualTo(72 * 3600L);
    }

    @Test
    void aSuspendedTenantWhoseLatestRunFailedCannotResume() throws SQLException {
        String failedFull = activeTenant("failfull", "run-1");
        recordGateRun(failedFull, "run-2", true, true, false, true);
        assertThat(status(failedFull, "suspended").status()).isEqualTo(200);

        Reply refused = status(failedFull, "active");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("gates_not_passed");
        assertThat(refused.json().get("message").asText()).contains("latest full gate run");
        assertThat(http.get("/v1/tenants/" + failedFull, VIEWER_TOKEN).json().get("status").asText()).isEqualTo("suspended");

        String failedPartial = activeTenant("failpart", "run-1");
        recordGateRun(failedPartial, "run-2", false);
        assertThat(status(failedPartial, "suspended").status()).isEqualTo(200);
        assertThat(status(failedPartial, "active").status()).as("a later failing partial run").isEqualTo(409);
    }

    @Test
    void erasureAfterTheGracePeriodDeletesTheTenantsDataAndNeverFreesTheId() throws SQLException {
        String id = uniqueId("gone");
        create(id, "KEY-" + UUID.randomUUID());
        recordGateRun(id, "run-1", true, true, true, true);
        String other = uniqueId("stays");
        create(other, "KEY-" + UUID.randomUUID());
        recordGateRun(other, "run-1", true, true, true, true);

        assertThat(http.delete("/v1/tenants/" + id, OPERATOR_TOKEN).json().path("status").asText()).isEqualTo("offboarding");
        OffboardingTest.endGracePeriod(SERVICE, id);
        Reply offboarded = http.post("/internal/v1/erasures/" + id, PROVISIONING_TOKEN, "");
        assertThat(offboarded.status()).isEqualTo(200);
        assertThat(offboarded.json().at("/rows_deleted").has("gate_runs")).as("gate runs are kept").isFalse();
        assertThat(http.get("/v1/tenants/" + id, VIEWER_TOKEN).json().get("status").asText()).isEqualTo("offboarded");
        assertThat(http.get("/internal/v1/tenants/" + id + "/runtime-config", GATES_TOKEN).status()).isEqualTo(404);
        assertThat(create(id, "KEY-" + UUID.randomUUID()).status()).isEqualTo(409);
        assertThat(http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, "{\"name\": \"x\"}").status()).isEqualTo(409);

        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT servicedesk_credentials_enc, webhook_secret_enc FROM tenant_configs "
                    + "WHERE tenant_id = '" + id + "'");
            rs.next();
            assertThat(rs.getString(1)).isNull();
            assertThat(rs.getString(2)).isNull();
            rs = st.executeQuery("SELECT count(*) FROM gate_runs WHERE tenant_id = '" + other + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("the other tenant's rows survive").isEqualTo(4);
            rs = st.executeQuery("SELECT count(*) FROM gate_runs WHERE tenant_id = '" + id + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("the offboarded tenant's gate runs are kept").isEqualTo(4);
        }
    }

    @Test
    void purgeErasesATenantThatNeverWentLive() {
        String id = uniqueId("purge");
        create(id, "KEY-" + UUID.randomUUID());
        Reply purged = http.delete("/v1/tenants/" + id + "?purge=true", OPERATOR_TOKEN);
        assertThat(purged.status()).isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + id, VIEWER_TOKEN).status()).isEqualTo(404);
        assertThat(create(id, "KEY-" + UUID.randomUUID()).status()).as("the id can be onboarded again").isEqualTo(201);
    }

    private static Reply status(String id, String status) {
        return http.post("/v1/tenants/" + id + "/status", OPERATOR_TOKEN, "{\"status\": \"" + status + "\"}");
    }

    private static String configuredTenant(String prefix) {
        String id = uniqueId(prefix);
        assertThat(create(id, "KEY-" + UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(status(id, "configured").status()).isEqualTo(200);
        return id;
    }

    private static String activeTenant(String prefix, String runId) throws SQLException {
        String id = configuredTenant(prefix);
        recordGateRun(id, runId, true, true, true, true);
        assertThat(status(id, "active").status()).isEqualTo(200);
        return id;
    }

    /** The details of the tenant's latest {@code tenant.status_changed} audit entry. */
    private static JsonNode lastStatusChange(String tenantId) throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT details::text FROM audit_log WHERE target_tenant_id = '" + tenantId
                     + "' AND action = 'tenant.status_changed' ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Lets time pass for a recorded run: moves its timestamps {@code age} into the past. */
    private static void ageGateRun(String tenantId, String runId, Duration age) throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement()) {
            // gate_runs refuses UPDATE to everyone by trigger; a superuser's session may skip triggers
            st.execute("SET session_replication_role = replica");
            int rows = st.executeUpdate("UPDATE gate_runs SET started_at = started_at - interval '" + age.toSeconds()
                    + " seconds', finished_at = finished_at - interval '" + age.toSeconds() + " seconds' "
                    + "WHERE tenant_id = '" + tenantId + "' AND run_id = '" + runId + "'");
            assertThat(rows).isPositive();
        }
    }

    /**
     * Writes gate results the way gates-runner does: as its own role, in the tenant's context.
     * One gate per value of {@code passed}, from gate 1: fewer than four is a partial run.
     */
    static void recordGateRun(String tenantId, String runId, boolean... passed) throws SQLException {
        try (Connection c = SERVICE.database().connectAs(ServiceRole.GATES_RUNNER)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('app.current_tenant_id', '" + tenantId + "', true)");
                for (int gate = 1; gate <= passed.length; gate++) {
                    st.execute("INSERT INTO gate_runs (run_id, tenant_id, gate, gate_name, passed, summary, duration_ms, "
                            + "started_at, finished_at) VALUES ('" + runId + "', '" + tenantId + "', " + gate
                            + ", 'gate " + gate + "', " + passed[gate - 1] + ", 'test', 1, now(), clock_timestamp())");
                }
            }
            c.commit();
        }
    }
}
