package com.aiagents.platform.gates;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.SERVICE_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.gates.core.GateMetrics;
import com.aiagents.platform.gates.core.Revalidation;
import com.aiagents.platform.gates.support.CliRun;
import com.aiagents.platform.gates.support.ContractReport;
import com.aiagents.platform.gates.support.FakePeers;

import com.aiagents.platform.gates.support.GatesApp;
import com.aiagents.platform.gates.support.Simulator;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.testing.TestRedisExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates against the real tenant-service (in-process, private database), the real SDP
 * simulator (one instance per tenant), the real PostgreSQL and Redis, and {@link FakePeers} for
 * what has not landed yet: webhook-gateway, enhancement-worker and provisioning-service.
 */
class GatesEndToEndTest {
    private static final String GOOD_KEY = "SDP-TECH-KEY-good-7f3a";
    private static final String REVOKED_KEY = "SDP-TECH-KEY-revoked-9c1d";
    private static final Map<String, String> SDP_URLS = new ConcurrentHashMap<>();

    @RegisterExtension
    static final TenantServiceExtension TENANTS = new TenantServiceExtension();
    @RegisterExtension
    static final TestRedisExtension REDIS = new TestRedisExtension();

    private static Simulator simulator;
    private static SdpClientFactory sdpClients;
    private static FakePeers peers;
    private static GatesApp gates;
    private static JsonHttp tenantApi;
    private static JsonHttp gatesApi;

    @BeforeAll
    static void start() throws Exception {
        simulator = new Simulator();
        sdpClients = new SdpClientFactory(SdpClientConfig.defaults());
        peers = new FakePeers(TENANTS.database(), SERVICE_TOKEN);
        gates = new GatesApp(TENANTS.database(), REDIS.get().url(), TENANTS.baseUrl(), peers.url());
        tenantApi = new JsonHttp(TENANTS.baseUrl());
        gatesApi = new JsonHttp(gates.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gates != null) {
            gates.stop();
        }
        if (peers != null) {
            peers.close();
        }
        if (sdpClients != null) {
            sdpClients.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @AfterEach
    void healPeers() {
        peers.workerRunning(true);
        peers.nonDeterministicFrom(null);
        peers.missingKubernetesObject(null);
    }

    @Test
    void allFourGatesPassThenTenantServiceAcceptsActive() throws SQLException {
        createTenant("acme-corp", GOOD_KEY);
        assertThat(tenantApi.post("/v1/tenants/acme-corp/status", ADMIN_TOKEN, "{\"status\":\"configured\"}").status())
                .isEqualTo(200);
        JsonHttp.Reply refused = tenantApi.post("/v1/tenants/acme-corp/status", ADMIN_TOKEN, "{\"status\":\"active\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("gates_not_passed");

        JsonHttp.Reply run = gatesApi.post("/v1/gate-runs", OPERATOR_TOKEN, "{\"tenant_id\":\"acme-corp\"}");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode body = run.json();
        assertThat(body.path("passed").asBoolean()).as(body.path("report").asText()).isTrue();
        assertThat(body.path("report").asText()).isEqualTo(ContractReport.ACME_CORP_APPROVED);
        JsonNode goldenPath = body.path("gates").get(2).path("details");
        assertThat(goldenPath.path("stages").findValuesAsText("name")).containsExactly("sdp_create_request",
                "webhook_accepted", "job_picked_up", "sdp_note_posted", "history_posted", "sdp_delete_request");
        assertThat(goldenPath.path("stages").findValuesAsText("status")).containsOnly("passed");
        assertDeleted("acme-corp", goldenPath.path("sdp_request_id").asText());

        String runId = body.path("run_id").asText();
        assertThat(gateRunsRecorded(runId)).isEqualTo(4);
        JsonHttp.Reply stored = gatesApi.get("/v1/gate-runs/" + runId, VIEWER_TOKEN);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("report").asText()).isEqualTo(body.path("report").asText());
        JsonHttp.Reply recent = gatesApi.get("/v1/tenants/acme-corp/gate-runs?limit=5", SERVICE_TOKEN);
        assertThat(recent.json().path("runs").get(0).path("run_id").asText()).isEqualTo(runId);

        JsonHttp.Reply active = tenantApi.post("/v1/tenants/acme-corp/status", ADMIN_TOKEN, "{\"status\":\"active\"}");
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        assertThat(active.json().path("status").asText()).isEqualTo("active");

        String metrics = new JsonHttp(gates.adminUrl()).get("/metrics", null).body();
        assertThat(metrics).contains("gate_runs_total{gate=\"1\",result=\"pass\",} ",
                "gate_runs_total{gate=\"4\",result=\"pass\",} ");
    }

    @Test
    void gateThreeSendsTheStaticTokenHeaderForATokenModeTenant() {
        createTenant("token-mode", GOOD_KEY, "token");

        JsonNode gate = runGates("token-mode", "[3]").path("gates").get(0);

        assertThat(gate.path("passed").asBoolean()).as(gate.toString()).isTrue();
        assertThat(gate.path("summary").asText()).isEqualTo("All stages completed successfully");
        assertThat(gate.path("details").path("stages").get(1).path("detail").asText()).startsWith("202 job ");
    }

    @Test
    void aStoppedWorkerFailsGateThreeAtTheStageWhereTheJobStops() {
        createTenant("worker-down", GOOD_KEY);
        peers.workerRunning(false);

        JsonNode body = runGates("worker-down", "[3]");

        assertThat(body.path("passed").asBoolean()).isFalse();
        JsonNode gate = body.path("gates").get(0);
        assertThat(gate.path("summary").asText()).startsWith("Stage job_picked_up failed: no enhancement_history row "
                + "for request ");
        assertThat(gate.path("summary").asText()).endsWith("the job did not reach a worker");
        assertThat(gate.path("details").path("failed_stage").asText()).isEqualTo("job_picked_up");
        assertDeleted("worker-down", gate.path("details").path("sdp_request_id").asText());
        assertThat(body.path("report").asText()).contains("  ❌ FAIL - Stage job_picked_up failed:",
                "=== OVERALL: 0/1 GATES PASS ===");
    }

    @Test
    void sdpRefusingTheKeyFailsGatesThreeAndFourAndNamesTheStage() {
        createTenant("revoked-key", REVOKED_KEY);
        try (LogCapture logs = LogCapture.attach()) {
            JsonHttp.Reply reply = gatesApi.post("/v1/gate-runs", ADMIN_TOKEN, "{\"tenant_id\":\"revoked-key\"}");

            JsonNode body = reply.json();
            assertThat(body.path("gates").get(2).path("summary").asText())
                    .startsWith("Stage sdp_create_request failed:").contains("4022");
            assertThat(body.path("gates").get(3).path("summary").asText())
                    .isEqualTo("SDP API auth failed: SDP rejected the tenant's credentials (SDP status 4022)");
            assertThat(body.path("report").asText()).contains("=== OVERALL: 2/4 GATES PASS ===",
                    "Tenant revoked-key is NOT approved for pilot: gates 3, 4 failed.");
            assertThat(reply.body()).doesNotContain(REVOKED_KEY);
            assertThat(logs.linesContaining(REVOKED_KEY)).isEmpty();
        }
        JsonHttp.Reply active = tenantApi.post("/v1/tenants/revoked-key/status", ADMIN_TOKEN, "{\"status\":\"configured\"}");
        assertThat(active.status()).isEqualTo(200);
        assertThat(tenantApi.post("/v1/tenants/revoked-key/status", ADMIN_TOKEN, "{\"status\":\"active\"}").status())
                .as("a failing run does not open the way to active").isEqualTo(409);
    }

    @Test
    void aNonDeterministicStageFailsGateTwoByName() {
        createTenant("drifting-prompt", GOOD_KEY);
        peers.nonDeterministicFrom("prompt");

        JsonNode gate = runGates("drifting-prompt", "[2]").path("gates").get(0);

        assertThat(gate.path("passed").asBoolean()).isFalse();
        assertThat(gate.path("summary").asText()).isEqualTo(
                "Non-deterministic stage 'prompt': run 2 hash differs from run 1 (1/3 runs produced identical hash)");
        assertThat(gate.path("details").path("first_differing_stage").asText()).isEqualTo("prompt");
    }

    @Test
    void aMissingKubernetesObjectFailsGateFourByName() {
        createTenant("no-secret", GOOD_KEY);
        peers.missingKubernetesObject("tenant-no-secret-credentials");

        JsonNode gate = runGates("no-secret", "[4]").path("gates").get(0);

        assertThat(gate.path("summary").asText()).isEqualTo("Kubernetes failed: tier basic objects not as desired: "
                + "Secret ai-agents/tenant-no-secret-credentials missing");
        assertThat(gate.path("details").path("checks").path("redis").path("status").asText()).isEqualTo("passed");
        assertThat(gate.path("details").path("checks").path("database").path("status").asText()).isEqualTo("passed");
        assertThat(gate.path("details").path("checks").path("llm").path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void revalidationOfActiveTenantsRaisesAMetricAndLogsAFailure() throws Exception {
        createTenant("live-tenant", GOOD_KEY);
        tenantApi.post("/v1/tenants/live-tenant/status", ADMIN_TOKEN, "{\"status\":\"configured\"}");
        assertThat(runGates("live-tenant", "[1,2,3,4]").path("passed").asBoolean()).isTrue();
        assertThat(tenantApi.post("/v1/tenants/live-tenant/status", ADMIN_TOKEN, "{\"status\":\"active\"}").status())
                .isEqualTo(200);
        peers.missingKubernetesObject("tenant-live-tenant-credentials");
        var wiring = gates.application().wiring();
        GateMetrics metrics = wiring.metrics();

        try (LogCapture logs = LogCapture.attach()) {
            new Revalidation(wiring.runner(), wiring.services(), metrics, List.of(1, 4)).run();

            assertThat(metrics.revalidationFailures("live-tenant", 4)).isEqualTo(1.0);
            assertThat(metrics.revalidationFailures("live-tenant", 1)).isZero();
            assertThat(logs.linesContaining("gate_revalidation_failed tenant_id=live-tenant gate=4")).hasSize(1);
        }

        GatesApp scheduled = new GatesApp(TENANTS.database(), REDIS.get().url(), TENANTS.baseUrl(), peers.url(),
                ConfigOverride.config(GatesApp.PREFIX, "gates.revalidation.enabled", "true"),
                ConfigOverride.config(GatesApp.PREFIX, "gates.revalidation.initialDelay", "0 seconds"),
                ConfigOverride.config(GatesApp.PREFIX, "gates.revalidation.interval", "1 hour"));
        try {
            GateMetrics scheduledMetrics = scheduled.application().wiring().metrics();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scheduledMetrics.revalidationFailures("live-tenant", 4) >= 1.0);
            assertThat(new JsonHttp(scheduled.adminUrl()).get("/metrics", null).body())
                    .contains("gate_revalidation_failures_total{tenant_id=\"live-tenant\",gate=\"4\",} 1.0");
        } finally {
            scheduled.stop();
        }
    }

    @Test
    void theApiAnswersUnknownTenantsBadRequestsAndWrongRoles() {
        assertThat(gatesApi.post("/v1/gate-runs", ADMIN_TOKEN, "{\"tenant_id\":\"nobody-here\"}").status()).isEqualTo(404);
        JsonHttp.Reply bad = gatesApi.post("/v1/gate-runs", ADMIN_TOKEN, "{\"tenant_id\":\"acme-corp\",\"gates\":[5]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(gatesApi.post("/v1/gate-runs", VIEWER_TOKEN, "{\"tenant_id\":\"acme-corp\"}").status()).isEqualTo(403);
        assertThat(gatesApi.post("/v1/gate-runs", null, "{\"tenant_id\":\"acme-corp\"}").status()).isEqualTo(401);
        assertThat(gatesApi.get("/v1/gate-runs/not-a-run", VIEWER_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void theValidateCommandPrintsTheContractReportAndFailsUnlessAllFourPass(@TempDir Path dir) throws Exception {
        createTenant("acme-corp", GOOD_KEY);
        Path config = CliRun.writeConfig(dir, TENANTS.database(), REDIS.get().url(), TENANTS.baseUrl(), peers.url());

        CliRun passing = CliRun.validate(config, "--tenant", "acme-corp", "--all-gates");

        assertThat(passing.failure()).as(passing.err()).isEmpty();
        assertThat(passing.out()).isEqualTo(ContractReport.ACME_CORP_APPROVED);

        peers.nonDeterministicFrom("synthesis");
        CliRun failing = CliRun.validate(config, "--tenant", "acme-corp", "--all-gates");

        assertThat(failing.failure()).isPresent();
        assertThat(failing.err()).contains("validation failed: 3/4 gates passed");
        assertThat(failing.out()).isEqualTo("""
                === Tenant Onboarding Validation ===
                Tenant: acme-corp

                Gate 1: RLS Harness
                  ✅ PASS - No cross-tenant leaks detected
                Gate 2: Determinism Proof
                  ❌ FAIL - Non-deterministic stage 'synthesis': run 2 hash differs from run 1 (1/3 runs produced identical hash)
                Gate 3: Golden Path E2E
                  ✅ PASS - All stages completed successfully
                Gate 4: Integrations Contract
                  ✅ PASS - All integrations verified

                === OVERALL: 3/4 GATES PASS ===
                Tenant acme-corp is NOT approved for pilot: gate 2 failed.
                """);

        CliRun json = CliRun.validate(config, "--tenant", "acme-corp", "--gate", "1", "--json");
        assertThat(json.failure()).as(json.err()).isEmpty();
        JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(run.path("tenant_id").asText()).isEqualTo("acme-corp");
        assertThat(run.path("gates").get(0).path("summary").asText()).isEqualTo("No cross-tenant leaks detected");
        assertThat(gateRunsRecorded(run.path("run_id").asText())).isEqualTo(1);

        CliRun llm = CliRun.validate(CliRun.withLlm(config, peers.url() + "/llm/v1", FakePeers.LLM_KEY),
                "--tenant", "acme-corp", "--gate", "4", "--json");
        assertThat(llm.failure()).as(llm.out()).isEmpty();
        JsonNode llmCheck = new com.fasterxml.jackson.databind.ObjectMapper().readTree(llm.out())
                .path("gates").get(0).path("details").path("checks").path("llm");
        assertThat(llmCheck.path("status").asText()).isEqualTo("passed");
        assertThat(llmCheck.path("detail").asText()).isEqualTo("GET " + peers.url() + "/llm/v1/models answered 200");
        assertThat(llm.out()).doesNotContain(FakePeers.LLM_KEY);
        CliRun badLlm = CliRun.validate(CliRun.withLlm(config, peers.url() + "/llm/v1", "sk-wrong-key-000"),
                "--tenant", "acme-corp", "--gate", "4");
        assertThat(badLlm.out()).contains("  ❌ FAIL - LLM endpoint failed: GET " + peers.url()
                + "/llm/v1/models answered 401\n").doesNotContain("sk-wrong-key-000");

        CliRun unknown = CliRun.validate(config, "--tenant", "nobody-here", "--all-gates");
        assertThat(unknown.failure()).isPresent();
        assertThat(unknown.err()).contains("tenant nobody-here not found");
    }

    static JsonNode runGates(String tenant, String gatesJson) {
        JsonHttp.Reply reply = gatesApi.post("/v1/gate-runs", SERVICE_TOKEN,
                "{\"tenant_id\":\"" + tenant + "\",\"gates\":" + gatesJson + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** The tenant in tenant-service, its SDP an instance of the simulator that accepts only GOOD_KEY. */
    static void createTenant(String id, String apiKey) {
        createTenant(id, apiKey, "hmac");
    }

    static void createTenant(String id, String apiKey, String webhookMode) {
        String servicedeskUrl = SDP_URLS.computeIfAbsent(id, name -> simulator.instance(name, GOOD_KEY));
        JsonHttp.Reply created = tenantApi.post("/v1/tenants", ADMIN_TOKEN, "{\"tenant_id\":\"" + id + "\","
                + "\"name\":\"" + id + "\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@" + id + ".example\","
                + "\"servicedesk_url\":\"" + servicedeskUrl + "\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + apiKey + "\"},\"webhook_auth\":{\"mode\":\"" + webhookMode + "\"}}");
        if (created.status() == 409) {
            return; // created by another test of this class, whose secret the peers already know
        }
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        peers.tenant(id, webhookMode, created.json().path("webhook").path("secret").asText(), servicedeskUrl, GOOD_KEY);
    }

    private static void assertDeleted(String tenant, String requestId) {
        assertThat(requestId).isNotBlank();
        SdpClient client = sdpClients.clientFor(SdpConnection.onPrem(tenant, SDP_URLS.get(tenant), GOOD_KEY));
        assertThatThrownBy(() -> client.getRequest(requestId)).as("the test request is deleted")
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.kind()).isEqualTo(SdpErrorKind.NOT_FOUND));
    }

    private static int gateRunsRecorded(String runId) throws SQLException {
        try (Connection c = TENANTS.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM gate_runs WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
