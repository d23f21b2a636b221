package com.aiagents.platform.integration.gates;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static com.aiagents.platform.integration.support.Platform.PROVISIONING;
import static com.aiagents.platform.integration.support.Platform.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.gates.core.GateMetrics;
import com.aiagents.platform.gates.core.ReplicaLocks;
import com.aiagents.platform.gates.core.Revalidation;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.integration.support.CliRun;
import com.aiagents.platform.gates.support.ContractReport;
import com.aiagents.platform.integration.support.DriftingRanking;
import com.aiagents.platform.integration.support.InProcessApp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four gates against the real platform (one per class): tenant-service, webhook-gateway and
 * enhancement-worker for gate 3's golden path, the worker's determinism probe for gate 2,
 * provisioning-service over fabric8's mock cluster for gate 4, the SDP simulator as each tenant's
 * SDP, the real PostgreSQL and Redis. Gates 2 to 4 are made to fail for their own reason by a real
 * cause: a stopped worker, a key SDP refuses, a ranking that changes between runs, a deleted
 * Secret. Gate 1's failures (a table without a policy, a policy without WITH CHECK, RLS not
 * forced, a BYPASSRLS role) need only the database: gates-runner's own {@code RlsGateTest}.
 */
class GatesEndToEndTest {
    private static final String GOOD_KEY = "SDP-TECH-KEY-good-7f3a";
    private static final String REVOKED_KEY = "SDP-TECH-KEY-revoked-9c1d";
    /** The key the stand-in LLM endpoint accepts: an OpenAI-compatible API is not ours to run. */
    private static final String LLM_KEY = "sk-test-llm-key-5e2b";
    private static final Map<String, String> SDP_URLS = new ConcurrentHashMap<>();

    @RegisterExtension
    // the worker as in production: hybrid retrieval (embeddings on); DriftingRanking's drift
    // changes the fused ranking, which gate 2's context stage hashes
    static final Platform PLATFORM = Platform.inClusterMode();

    private static SdpClientFactory sdpClients;
    private static MockWebServer llm;
    private static JsonHttp tenantApi;
    private static JsonHttp gatesApi;

    @BeforeAll
    static void start() throws Exception {
        sdpClients = new SdpClientFactory(SdpClientConfig.builder().allowPrivateNetworks(true).build()); // the simulator is at http://127.0.0.1
        llm = new MockWebServer();
        llm.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                boolean valid = ("Bearer " + LLM_KEY).equals(request.getHeaders().get("Authorization"));
                return new MockResponse.Builder().code(valid ? 200 : 401).setHeader("Content-Type", "application/json")
                        .body(valid ? "{\"object\":\"list\",\"data\":[{\"id\":\"test/model\",\"object\":\"model\"}]}"
                                : "{\"error\":{\"message\":\"invalid api key\"}}").build();
            }
        });
        llm.start();
        tenantApi = PLATFORM.tenantService();
        gatesApi = PLATFORM.gatesRunner();
    }

    @AfterAll
    static void stop() {
        if (sdpClients != null) {
            sdpClients.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void allFourGatesPassThenTenantServiceAcceptsActive() throws SQLException {
        createTenant("acme-corp", GOOD_KEY);
        assertThat(tenantApi.post("/v1/tenants/acme-corp/status", ADMIN, "{\"status\":\"configured\"}").status())
                .isEqualTo(200);
        JsonHttp.Reply refused = tenantApi.post("/v1/tenants/acme-corp/status", ADMIN, "{\"status\":\"active\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("gates_not_passed");

        JsonHttp.Reply run = gatesApi.post("/v1/gate-runs", OPERATOR, "{\"tenant_id\":\"acme-corp\"}");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode body = run.json();
        assertThat(body.path("passed").asBoolean()).as(body.path("report").asText()).isTrue();
        assertThat(body.path("report").asText()).isEqualTo(ContractReport.ACME_CORP_APPROVED);
        JsonNode goldenPath = body.path("gates").get(2).path("details");
        assertThat(goldenPath.path("stages").findValuesAsText("name")).containsExactly("sdp_create_request",
                "webhook_accepted", "job_picked_up", "sdp_note_posted", "history_posted", "note_content",
                "sdp_delete_request");
        assertThat(goldenPath.path("stages").findValuesAsText("status")).containsOnly("passed");
        assertDeleted("acme-corp", goldenPath.path("sdp_request_id").asText());
        assertThat(body.path("gates").get(3).path("details").path("checks").path("kubernetes").path("detail").asText())
                .isEqualTo("1 objects of tier basic present");

        String runId = body.path("run_id").asText();
        assertThat(gateRunsRecorded(runId)).isEqualTo(4);
        JsonHttp.Reply stored = gatesApi.get("/v1/gate-runs/" + runId, VIEWER);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("report").asText()).isEqualTo(body.path("report").asText());
        JsonHttp.Reply recent = gatesApi.get("/v1/tenants/acme-corp/gate-runs?limit=5", VIEWER);
        assertThat(recent.json().path("runs").get(0).path("run_id").asText()).isEqualTo(runId);

        JsonHttp.Reply active = tenantApi.post("/v1/tenants/acme-corp/status", ADMIN, "{\"status\":\"active\"}");
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        assertThat(active.json().path("status").asText()).isEqualTo("active");

        String metrics = PLATFORM.gatesRunnerAdmin().get("/metrics", null).body();
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
        JsonNode body;
        PLATFORM.stopWorker();
        try {
            body = runGates("worker-down", "[3]");
        } finally {
            PLATFORM.startWorker();
        }

        assertThat(body.path("passed").asBoolean()).isFalse();
        JsonNode gate = body.path("gates").get(0);
        assertThat(gate.path("summary").asText()).startsWith("Stage job_picked_up failed: no enhancement_history row "
                + "for request ");
        assertThat(gate.path("summary").asText()).endsWith("the job did not reach a worker");
        assertThat(gate.path("details").path("failed_stage").asText()).isEqualTo("job_picked_up");
        assertThat(gate.path("details").path("stages").get(1).path("status").asText())
                .as("the gateway still accepted the webhook").isEqualTo("passed");
        assertDeleted("worker-down", gate.path("details").path("sdp_request_id").asText());
        assertThat(body.path("report").asText()).contains("  ❌ FAIL - Stage job_picked_up failed:",
                "=== OVERALL: 0/1 GATES PASS ===");
    }

    @Test
    void aPostedNoteThatIsNotTheEnhancementFailsGateThree() throws Exception {
        createTenant("plain-note", GOOD_KEY, "hmac", false);
        SdpClient sdp = sdpClients.clientFor(SdpConnection.onPrem("plain-note", SDP_URLS.get("plain-note"), GOOD_KEY));
        JsonNode gate;
        long historyId;
        String noteId;
        String requestId;
        PLATFORM.stopWorker();
        try {
            CompletableFuture<JsonNode> run = CompletableFuture.supplyAsync(() -> runGates("plain-note", "[3]"));
            // in the worker's place, one that posts a plain note and records it as the enhancement
            requestId = await().atMost(Duration.ofSeconds(60)).until(() -> goldenPathRequest(sdp), Objects::nonNull);
            historyId = recordHistory("plain-note", requestId);
            noteId = sdp.addNote(requestId, NewSdpNote.internal("<p>Looks like the VPN again, try rebooting.</p>")).id();
            markPosted(historyId, noteId);
            gate = run.get(3, TimeUnit.MINUTES).path("gates").get(0);
        } finally {
            PLATFORM.startWorker();
        }

        assertThat(gate.path("passed").asBoolean()).isFalse();
        assertThat(gate.path("summary").asText()).isEqualTo("Stage note_content failed: note " + noteId
                + " on SDP request " + requestId + " is not the enhancement of history row " + historyId + ": it lacks "
                + "heading AI-Generated Enhancement (...), section Likely Cause, section Suggested Actions, "
                + "section Related Tickets, marker Ref ENH-" + historyId);
        assertThat(gate.path("details").path("stages").findValuesAsText("status"))
                .containsExactly("passed", "passed", "passed", "passed", "passed", "failed", "passed");
    }

    private static String goldenPathRequest(SdpClient sdp) {
        return sdp.listRequests(SdpListQuery.firstPage(100)).items().stream()
                .filter(r -> r.subject() != null && r.subject().startsWith("[gates-runner] golden path check"))
                .map(SdpRequest::id).findFirst().orElse(null);
    }

    private static long recordHistory(String tenant, String requestId) throws SQLException {
        try (Connection c = PLATFORM.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, "
                     + "job_id, status) VALUES (?, ?, 'request_created', 'job-plain-note', 'received') RETURNING id")) {
            st.setString(1, tenant);
            st.setString(2, requestId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void markPosted(long historyId, String noteId) throws SQLException {
        try (Connection c = PLATFORM.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement(
                     "UPDATE enhancement_history SET status = 'posted', sdp_note_id = ? WHERE id = ?")) {
            st.setString(1, noteId);
            st.setLong(2, historyId);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void sdpRefusingTheKeyFailsGatesThreeAndFourAndNamesTheStage() {
        createTenant("revoked-key", REVOKED_KEY);
        try (LogCapture logs = LogCapture.attach()) {
            JsonHttp.Reply reply = gatesApi.post("/v1/gate-runs", ADMIN, "{\"tenant_id\":\"revoked-key\"}");

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
        JsonHttp.Reply configured = tenantApi.post("/v1/tenants/revoked-key/status", ADMIN, "{\"status\":\"configured\"}");
        assertThat(configured.status()).isEqualTo(200);
        assertThat(tenantApi.post("/v1/tenants/revoked-key/status", ADMIN, "{\"status\":\"active\"}").status())
                .as("a failing run does not open the way to active").isEqualTo(409);
    }

    @Test
    void aNonDeterministicStageFailsGateTwoByName() throws SQLException {
        createTenant("drifting-context", GOOD_KEY);
        assertThat(runGates("drifting-context", "[2]").path("passed").asBoolean()).as("deterministic as migrated").isTrue();
        assertThat(DriftingRanking.embeddedTickets(PLATFORM.database(), "drifting-context"))
                .as("the history is embedded: the worker retrieves by hybrid fusion").isPositive();

        JsonNode gate;
        try (DriftingRanking drifting = DriftingRanking.install(PLATFORM.database(), "drifting-context")) {
            gate = runGates("drifting-context", "[2]").path("gates").get(0);
        }

        assertThat(gate.path("passed").asBoolean()).isFalse();
        assertThat(gate.path("summary").asText()).isEqualTo(
                "Non-deterministic stage 'context': run 2 hash differs from run 1 (1/3 runs produced identical hash)");
        assertThat(gate.path("details").path("first_differing_stage").asText()).isEqualTo("context");
    }

    @Test
    void aTenantWithAnEmptyContextFailsGateTwoSayingWhy() {
        createTenant("no-history", GOOD_KEY, "hmac", false);

        JsonNode gate = runGates("no-history", "[2]").path("gates").get(0);

        assertThat(gate.path("passed").asBoolean()).isFalse();
        assertThat(gate.path("summary").asText()).isEqualTo("Empty context: tenant no-history has no ticket history, "
                + "KB articles or inventory, so identical hashes would prove nothing about its pipeline; import its "
                + "resolved SDP requests (onboarding does so before the gates) or load KB articles, then run the gate again");
        assertThat(gate.path("details").path("context").path("fingerprint").asText()).hasSize(64);
    }

    @Test
    void gateTwoHashesTheTenantsRealContextAndOneChangedRowChangesTheHash() throws SQLException {
        createTenant("real-context", GOOD_KEY);

        JsonNode before = runGates("real-context", "[2]").path("gates").get(0);

        assertThat(before.path("passed").asBoolean()).as(before.toString()).isTrue();
        JsonNode context = before.path("details").path("context");
        assertThat(context.path("ticket_history").asInt()).isEqualTo(Platform.RESOLVED_REQUESTS);
        assertThat(context.path("probe_ticket").asText()).as("one of the tenant's own tickets").doesNotStartWith("probe-");
        assertThat(context.path("retrieved").path("similar_tickets").asInt()).isPositive();
        try (Connection c = PLATFORM.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("UPDATE ticket_history SET resolution = resolution || ' (edited)' "
                     + "WHERE tenant_id = 'real-context' AND ticket_id = (SELECT min(ticket_id) FROM ticket_history "
                     + "WHERE tenant_id = 'real-context')")) {
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        JsonNode after = runGates("real-context", "[2]").path("gates").get(0);

        assertThat(after.path("passed").asBoolean()).isTrue();
        assertThat(after.path("details").path("context").path("fingerprint").asText())
                .isNotEqualTo(context.path("fingerprint").asText());
        assertThat(after.path("details").path("hashes").get(0).asText())
                .isNotEqualTo(before.path("details").path("hashes").get(0).asText());
    }

    /** docs/gates.md, gate 2: the composed prompt's sha256 is part of the proof, and it is the real one. */
    @Test
    void gateTwoProvesTheTenantsComposedPromptAndAPublishedBundleChangesTheHash() {
        createTenant("bundle-proof", GOOD_KEY);
        JsonNode before = runGates("bundle-proof", "[2]").path("gates").get(0);
        assertThat(before.path("passed").asBoolean()).as(before.toString()).isTrue();
        String inherited = tenantApi.get("/v1/tenants/bundle-proof/prompt-bundle/composed", ADMIN).json().path("sha256").asText();
        assertThat(before.path("details").path("composed_prompt_sha256").asText()).isEqualTo(inherited);
        assertThat(before.path("details").path("context").path("composed_prompt_sha256").asText()).isEqualTo(inherited);

        String overlay = "{\"sections\": [{\"key\": \"safety\", \"text\": \"Never suggest rebooting domain "
                + "controllers in business hours.\", \"order\": 1}]}";
        assertThat(tenantApi.send("PUT", "/v1/tenants/bundle-proof/prompt-bundle", OPERATOR, overlay).status()).isEqualTo(200);
        JsonNode draftOnly = runGates("bundle-proof", "[2]").path("gates").get(0);
        assertThat(draftOnly.path("details").path("composed_prompt_sha256").asText()).as("a draft is not used")
                .isEqualTo(inherited);
        assertThat(tenantApi.post("/v1/tenants/bundle-proof/prompt-bundle/publish", OPERATOR, null).status()).isEqualTo(200);
        String published = tenantApi.get("/v1/tenants/bundle-proof/prompt-bundle/composed", ADMIN).json().path("sha256").asText();

        JsonNode after = runGates("bundle-proof", "[2]").path("gates").get(0);

        assertThat(after.path("passed").asBoolean()).as(after.toString()).isTrue();
        assertThat(published).isNotEqualTo(inherited);
        assertThat(after.path("details").path("composed_prompt_sha256").asText()).isEqualTo(published);
        assertThat(after.path("details").path("hashes").get(0).asText())
                .isNotEqualTo(before.path("details").path("hashes").get(0).asText());
        assertThat(after.path("details").path("context").path("fingerprint").asText()).as("the tenant's data is unchanged")
                .isEqualTo(before.path("details").path("context").path("fingerprint").asText());
    }

    @Test
    void aMissingKubernetesObjectFailsGateFourByName() {
        createTenant("no-secret", GOOD_KEY);
        PLATFORM.cluster().client().secrets().inNamespace("ai-agents").withName("tenant-no-secret-credentials").delete();

        JsonNode gate = runGates("no-secret", "[4]").path("gates").get(0);

        assertThat(gate.path("summary").asText()).isEqualTo("Kubernetes failed: tier basic objects not as desired: "
                + "Secret ai-agents/tenant-no-secret-credentials missing");
        assertThat(gate.path("details").path("checks").path("redis").path("status").asText()).isEqualTo("passed");
        assertThat(gate.path("details").path("checks").path("database").path("status").asText()).isEqualTo("passed");
        assertThat(gate.path("details").path("checks").path("llm").path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void revalidationOfActiveTenantsRaisesAMetricAndLogsAFailure() {
        createTenant("live-tenant", GOOD_KEY);
        tenantApi.post("/v1/tenants/live-tenant/status", ADMIN, "{\"status\":\"configured\"}");
        assertThat(runGates("live-tenant", "[1,2,3,4]").path("passed").asBoolean()).isTrue();
        assertThat(tenantApi.post("/v1/tenants/live-tenant/status", ADMIN, "{\"status\":\"active\"}").status())
                .isEqualTo(200);
        PLATFORM.cluster().client().secrets().inNamespace("ai-agents").withName("tenant-live-tenant-credentials").delete();
        var wiring = PLATFORM.gatesRunnerApplication().wiring();
        GateMetrics metrics = wiring.metrics();

        try (LogCapture logs = LogCapture.attach()) {
            new Revalidation(wiring.runner(), wiring.services(), metrics, List.of(1, 4)).run();

            assertThat(metrics.revalidationFailures("live-tenant", 4)).isEqualTo(1.0);
            assertThat(metrics.revalidationFailures("live-tenant", 1)).isZero();
            assertThat(logs.linesContaining("gate_revalidation_failed tenant_id=live-tenant gate=4")).hasSize(1);
        }

        InProcessApp<GatesRunnerConfiguration> scheduled = PLATFORM.anotherGatesRunner(Map.of(
                "gates.revalidation.enabled", "true", "gates.revalidation.initialDelay", "0 seconds",
                "gates.revalidation.interval", "1 hour"));
        try {
            GateMetrics scheduledMetrics = ((GatesRunnerApplication) scheduled.application()).wiring().metrics();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> scheduledMetrics.revalidationFailures("live-tenant", 4) >= 1.0);
            assertThat(new JsonHttp(scheduled.adminUrl()).get("/metrics", null).body())
                    .contains("gate_revalidation_failures_total{tenant_id=\"live-tenant\",gate=\"4\",} 1.0");
        } finally {
            scheduled.stop();
        }
    }

    /** Two replicas (a second gates-runner on the same database and Redis) coordinate through Redis. */
    @Test
    void twoGatesRunnerReplicasRunATenantsGatesOneAtATimeAndARevalidationPassOnce() throws Exception {
        createTenant("two-replicas", GOOD_KEY);
        InProcessApp<GatesRunnerConfiguration> second = PLATFORM.anotherGatesRunner(Map.of());
        var first = PLATFORM.gatesRunnerApplication().wiring();
        var other = ((GatesRunnerApplication) second.application()).wiring();
        redis.clients.jedis.UnifiedJedis redis = first.redis();
        try {
            JsonHttp secondApi = new JsonHttp(second.baseUrl());
            // a full run takes seconds (gate 3 waits for its note): replica 2 is asked while replica 1 runs it
            CompletableFuture<JsonHttp.Reply> running = CompletableFuture.supplyAsync(
                    () -> gatesApi.post("/v1/gate-runs", ADMIN, "{\"tenant_id\":\"two-replicas\"}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> redis.exists("{gates-runner}:lock:gate-run:two-replicas"));
            JsonHttp.Reply refused = secondApi.post("/v1/gate-runs", ADMIN, "{\"tenant_id\":\"two-replicas\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().path("error").asText()).isEqualTo("gate_run_in_progress");
            assertThat(running.get(180, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(redis.exists("{gates-runner}:lock:gate-run:two-replicas")).as("released after the run").isFalse();
            assertThat(secondApi.post("/v1/gate-runs", ADMIN, "{\"tenant_id\":\"two-replicas\",\"gates\":[1]}")
                    .status()).isEqualTo(200);

            try (LogCapture logs = LogCapture.attach()) {
                new Revalidation(first.runner(), first.services(), first.metrics(), List.of(1),
                        new ReplicaLocks(first.redis()), Duration.ofHours(1)).run();
                new Revalidation(other.runner(), other.services(), other.metrics(), List.of(1),
                        new ReplicaLocks(other.redis()), Duration.ofHours(1)).run();
                assertThat(logs.linesContaining("another gates-runner replica runs this pass")).hasSize(1);
            } finally {
                redis.del("{gates-runner}:lock:revalidation"); // the hour has "passed" for the tests after this one
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void theApiAnswersUnknownTenantsBadRequestsAndWrongRoles() {
        assertThat(gatesApi.post("/v1/gate-runs", ADMIN, "{\"tenant_id\":\"nobody-here\"}").status()).isEqualTo(404);
        JsonHttp.Reply bad = gatesApi.post("/v1/gate-runs", ADMIN, "{\"tenant_id\":\"acme-corp\",\"gates\":[5]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(gatesApi.post("/v1/gate-runs", VIEWER, "{\"tenant_id\":\"acme-corp\"}").status()).isEqualTo(403);
        assertThat(gatesApi.post("/v1/gate-runs", null, "{\"tenant_id\":\"acme-corp\"}").status()).isEqualTo(401);
        assertThat(gatesApi.get("/v1/gate-runs/not-a-run", VIEWER).status()).isEqualTo(404);
    }

    @Test
    void theValidateCommandPrintsTheContractReportAndFailsUnlessAllFourPass() throws Exception {
        createTenant("acme-corp", GOOD_KEY);
        Map<String, String> config = PLATFORM.gatesRunnerSettings();

        CliRun passing = CliRun.validate(config, "--tenant", "acme-corp", "--all-gates");

        assertThat(passing.failure()).as(passing.err()).isEmpty();
        assertThat(passing.out()).isEqualTo(ContractReport.ACME_CORP_APPROVED);

        CliRun failing;
        try (DriftingRanking drifting = DriftingRanking.install(PLATFORM.database(), "acme-corp")) {
            failing = CliRun.validate(config, "--tenant", "acme-corp", "--all-gates");
        }

        assertThat(failing.failure()).isPresent();
        assertThat(failing.err()).contains("validation failed: 3/4 gates passed");
        assertThat(failing.out()).isEqualTo("""
                === Tenant Onboarding Validation ===
                Tenant: acme-corp

                Gate 1: RLS Harness
                  ✅ PASS - No cross-tenant leaks detected
                Gate 2: Determinism Proof
                  ❌ FAIL - Non-deterministic stage 'context': run 2 hash differs from run 1 (1/3 runs produced identical hash)
                Gate 3: Golden Path E2E
                  ✅ PASS - All stages completed successfully
                Gate 4: Integrations Contract
                  ✅ PASS - All integrations verified

                === OVERALL: 3/4 GATES PASS ===
                Tenant acme-corp is NOT approved for pilot: gate 2 failed.
                """);

        CliRun json = CliRun.validate(config, "--tenant", "acme-corp", "--gate", "1", "--json");
        assertThat(json.failure()).as(json.err()).isEmpty();
        JsonNode run = new ObjectMapper().readTree(json.out());
        assertThat(run.path("tenant_id").asText()).isEqualTo("acme-corp");
        assertThat(run.path("gates").get(0).path("summary").asText()).isEqualTo("No cross-tenant leaks detected");
        assertThat(gateRunsRecorded(run.path("run_id").asText())).isEqualTo(1);

        String llmUrl = llm.url("/llm/v1").toString();
        CliRun withLlm = CliRun.validate(withLlm(config, llmUrl, LLM_KEY), "--tenant", "acme-corp", "--gate", "4", "--json");
        assertThat(withLlm.failure()).as(withLlm.out()).isEmpty();
        JsonNode llmCheck = new ObjectMapper().readTree(withLlm.out())
                .path("gates").get(0).path("details").path("checks").path("llm");
        assertThat(llmCheck.path("status").asText()).isEqualTo("passed");
        assertThat(llmCheck.path("detail").asText()).isEqualTo("GET " + llmUrl + "/models answered 200");
        assertThat(withLlm.out()).doesNotContain(LLM_KEY);
        CliRun badLlm = CliRun.validate(withLlm(config, llmUrl, "sk-wrong-key-000"), "--tenant", "acme-corp", "--gate", "4");
        assertThat(badLlm.out()).contains("  ❌ FAIL - LLM endpoint failed: GET " + llmUrl
                + "/models answered 401\n").doesNotContain("sk-wrong-key-000");

        CliRun unknown = CliRun.validate(config, "--tenant", "nobody-here", "--all-gates");
        assertThat(unknown.failure()).isPresent();
        assertThat(unknown.err()).contains("tenant nobody-here not found");
    }

    private static Map<String, String> withLlm(Map<String, String> config, String baseUrl, String apiKey) {
        Map<String, String> settings = new LinkedHashMap<>(config);
        settings.put("llm.baseUrl", baseUrl);
        settings.put("llm.apiKey", apiKey);
        return settings;
    }

    static JsonNode runGates(String tenant, String gatesJson) {
        JsonHttp.Reply reply = gatesApi.post("/v1/gate-runs", PROVISIONING,
                "{\"tenant_id\":\"" + tenant + "\",\"gates\":" + gatesJson + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /**
     * The tenant in tenant-service, its SDP an instance of the simulator that accepts only GOOD_KEY,
     * and its Kubernetes objects applied by provisioning-service (what the onboarding's step does).
     */
    static void createTenant(String id, String apiKey) {
        createTenant(id, apiKey, "hmac");
    }

    static void createTenant(String id, String apiKey, String webhookMode) {
        createTenant(id, apiKey, webhookMode, true);
    }

    /** With {@code history}, the tenant's SDP has resolved requests and they are imported, as onboarding does. */
    static void createTenant(String id, String apiKey, String webhookMode, boolean history) {
        String servicedeskUrl = SDP_URLS.computeIfAbsent(id, name -> history
                ? PLATFORM.sdpInstanceWithHistory(name, GOOD_KEY) : PLATFORM.sdp().createInstance(name, GOOD_KEY));
        JsonHttp.Reply created = tenantApi.post("/v1/tenants", ADMIN, "{\"tenant_id\":\"" + id + "\","
                + "\"name\":\"" + id + "\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@" + id + ".example\","
                + "\"servicedesk_url\":\"" + servicedeskUrl + "\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + apiKey + "\"},\"webhook_auth\":{\"mode\":\"" + webhookMode + "\"}}");
        if (created.status() == 409) {
            return; // created by another test of this class
        }
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonHttp.Reply applied = PLATFORM.provisioning().post("/v1/tenants/" + id + "/kubernetes/apply", OPERATOR, "");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        if (history && apiKey.equals(GOOD_KEY)) {
            PLATFORM.importTicketHistory(id);
        } else if (history) {
            // SDP refuses this tenant's key, so nothing can be imported: a KB gives gate 2 a context
            JsonHttp.Reply kb = PLATFORM.worker().post("/v1/tenants/" + id + "/kb-articles", OPERATOR,
                    "{\"articles\":[{\"article_id\":\"KB-VPN\",\"title\":\"VPN disconnects every few minutes\","
                            + "\"content\":\"Raise the VPN client idle timeout and renew the gateway certificate.\"}]}");
            assertThat(kb.status()).as(kb.body()).isEqualTo(200);
        }
    }

    private static void assertDeleted(String tenant, String requestId) {
        assertThat(requestId).isNotBlank();
        SdpClient client = sdpClients.clientFor(SdpConnection.onPrem(tenant, SDP_URLS.get(tenant), GOOD_KEY));
        assertThatThrownBy(() -> client.getRequest(requestId)).as("the test request is deleted")
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.kind()).isEqualTo(SdpErrorKind.NOT_FOUND));
    }

    private static int gateRunsRecorded(String runId) throws SQLException {
        try (Connection c = PLATFORM.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM gate_runs WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
