package com.aiagents.platform.integration.onboarding;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.VIEWER;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.integration.support.ChildProvisioningService;
import com.aiagents.platform.integration.support.HttpProxy;
import com.aiagents.platform.integration.support.HttpProxy.Fault;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of provisioning-service at each step boundary and inside each step, then a new process:
 * every onboarding ends {@code succeeded} (active tenant, a 4/4 gate run) or {@code rolled_back}
 * (no tenant, no Kubernetes object, no tenant row), never stuck, doubled or half-removed.
 *
 * <p>The real service runs as a child JVM on the platform's provisioning port (the in-process one
 * is stopped), reaching tenant-service, the worker and gates-runner through proxies that hold one
 * chosen call: before it is forwarded (a step boundary: the previous step is recorded, this one's
 * effect has not happened) or after the peer acted but before the answer gets back (inside the
 * step, the "outcome unknown" case). The process is killed while the call is held. Inside the
 * Kubernetes steps, which call no peer, the kill comes while the write recording the step waits on a
 * pause the test puts in the database ({@link StepRecordPause}): the objects applied or deleted, the
 * step not recorded as done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashMatrixTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.inManifestsMode();

    private static final Path LOG = Path.of("target", "crash-matrix-provisioning.log");
    private static HttpProxy gatesProxy;
    private static ChildProvisioningService child;

    enum Peer { TENANT_SERVICE, WORKER, GATES }

    enum Finish { RESUME, ROLL_BACK }

    /** One kill point: which peer's call is held, how, and whether the onboarding is then resumed or rolled back. */
    record Case(String name, Peer peer, Fault hold, Predicate<RecordedRequest> call, Finish finish) {
        @Override
        public String toString() {
            return name + " -> " + finish;
        }
    }

    static Stream<Case> killPoints() {
        Predicate<RecordedRequest> create = HttpProxy.call("POST", "/v1/tenants");
        Predicate<RecordedRequest> status = HttpProxy.call("POST", "/status");
        Predicate<RecordedRequest> activate = r -> status.test(r) && r.getBody() != null
                && r.getBody().utf8().contains("active");
        return Stream.of(
                new Case("before create_tenant reaches tenant-service", Peer.TENANT_SERVICE, Fault.HOLD_BEFORE, create, Finish.ROLL_BACK),
                new Case("between tenant-service's create and its answer", Peer.TENANT_SERVICE, Fault.HOLD_AFTER, create, Finish.RESUME),
                new Case("between tenant-service's create and its answer", Peer.TENANT_SERVICE, Fault.HOLD_AFTER, create, Finish.ROLL_BACK),
                new Case("boundary create_tenant | mark_configured", Peer.TENANT_SERVICE, Fault.HOLD_BEFORE, status, Finish.RESUME),
                new Case("inside mark_configured", Peer.TENANT_SERVICE, Fault.HOLD_AFTER, status, Finish.ROLL_BACK),
                new Case("inside provision_kubernetes (credentials read)", Peer.TENANT_SERVICE, Fault.HOLD_AFTER,
                        HttpProxy.call("GET", "/runtime-config"), Finish.ROLL_BACK),
                new Case("boundary provision_kubernetes | import_ticket_history", Peer.WORKER, Fault.HOLD_BEFORE,
                        HttpProxy.call("POST", "/ticket-history/import"), Finish.RESUME),
                new Case("inside import_ticket_history", Peer.WORKER, Fault.HOLD_AFTER,
                        HttpProxy.call("POST", "/ticket-history/import"), Finish.ROLL_BACK),
                new Case("boundary import_ticket_history | run_gates", Peer.GATES, Fault.HOLD_BEFORE,
                        HttpProxy.call("POST", "/v1/gate-runs"), Finish.ROLL_BACK),
                new Case("inside run_gates (the run completes, its answer is lost)", Peer.GATES, Fault.HOLD_AFTER,
                        HttpProxy.call("POST", "/v1/gate-runs"), Finish.RESUME),
                new Case("boundary run_gates | activate", Peer.TENANT_SERVICE, Fault.HOLD_BEFORE, activate, Finish.RESUME),
                new Case("inside activate (tenant active, answer lost)", Peer.TENANT_SERVICE, Fault.HOLD_AFTER, activate,
                        Finish.RESUME));
    }

    @BeforeAll
    static void startChild() throws Exception {
        Files.deleteIfExists(LOG);
        gatesProxy = new HttpProxy(PLATFORM.gatesRunnerUrl());
        PLATFORM.stopProvisioning();
        Map<String, String> settings = new LinkedHashMap<>(PLATFORM.provisioningSettings());
        settings.put("services.gatesRunner.url", gatesProxy.baseUrl());
        // the restarted process is the same instance, so it releases the dead one's runs at start-up
        // instead of waiting for their leases (kept short anyway)
        settings.put("onboarding.instanceId", "crash-matrix");
        settings.put("onboarding.lease", "3 seconds");
        settings.put("onboarding.peerRetryBackoff", "200 milliseconds");
        settings.put("onboarding.ticketImportPoll", "200 milliseconds");
        child = new ChildProvisioningService(settings, PLATFORM.provisioningPort(), LOG);
        child.start();
    }

    @AfterAll
    static void stopChild() throws Exception {
        if (child != null) {
            child.close();
        }
        if (gatesProxy != null) {
            gatesProxy.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void aKillAnywhereEndsSucceededOrRolledBack(Case point) throws Exception {
        String tenant = unique("crash");
        String body = body(tenant);
        HttpProxy proxy = proxy(point.peer());
        proxy.hold(point.hold(), point.call());
        CompletableFuture<JsonHttp.Reply> started = CompletableFuture.supplyAsync(
                () -> child.api().post("/v1/onboardings", ADMIN, body, "Prefer", "respond-async"));

        assertThat(proxy.awaitHeld(120)).as("the held call came").isTrue();
        child.kill();
        proxy.release();
        started.handle((reply, error) -> null).join();
        child.start();

        finishAndCheck(point.finish(), tenant, body);
    }

    @Order(2)
    @Test
    void aRollbackKilledHalfwayIsRollbackFailedRefusesResumeAndFinishesOnDelete() throws Exception {
        String tenant = unique("halfway");
        String body = body(tenant);
        String id = failedAtImport(body);

        PLATFORM.tenantServiceProxy().hold(Fault.HOLD_AFTER, HttpProxy.call("DELETE", "/v1/tenants/" + tenant));
        CompletableFuture<JsonHttp.Reply> deleting = CompletableFuture.supplyAsync(
                () -> child.api().delete("/v1/onboardings/" + id, ADMIN));
        assertThat(PLATFORM.tenantServiceProxy().awaitHeld(120)).isTrue();
        child.kill();
        PLATFORM.tenantServiceProxy().release();
        deleting.handle((reply, error) -> null).join();
        child.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> "rollback_failed".equals(
                child.api().get("/v1/onboardings/" + id, ADMIN).json().path("status").asText()));
        JsonHttp.Reply resumed = child.api().post("/v1/onboardings", ADMIN, body);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(409);
        assertThat(resumed.json().path("error").asText()).isEqualTo("onboarding_rollback_failed");

        JsonHttp.Reply rolledBack = rollBackUntilDone(id);
        assertThat(rolledBack.json().path("status").asText()).as(rolledBack.body()).isEqualTo("rolled_back");
        assertNothingLeft(tenant);
    }

    @Order(3)
    @Test
    void twoConcurrentOnboardingsOfOneTenantIdExactlyOneSucceeds() throws Exception {
        String tenant = unique("twice");
        String instance = PLATFORM.sdpInstanceWithHistory(tenant, "SDP-KEY-" + tenant);
        CompletableFuture<JsonHttp.Reply> first = CompletableFuture.supplyAsync(() -> child.api().post(
                "/v1/onboardings", ADMIN, body(tenant, instance, "first-" + tenant), "Prefer", "respond-async"));
        CompletableFuture<JsonHttp.Reply> second = CompletableFuture.supplyAsync(() -> child.api().post(
                "/v1/onboardings", ADMIN, body(tenant, instance, "second-" + tenant), "Prefer", "respond-async"));
        List<JsonHttp.Reply> replies = List.of(first.join(), second.join());

        List<JsonHttp.Reply> accepted = replies.stream().filter(r -> r.status() == 201 || r.status() == 202).toList();
        List<JsonHttp.Reply> refused = replies.stream().filter(r -> r.status() == 409).toList();
        assertThat(accepted).as(replies.get(0).body() + " / " + replies.get(1).body()).hasSize(1);
        assertThat(refused).hasSize(1);
        String winner = accepted.get(0).json().path("onboarding_id").asText();
        assertThat(refused.get(0).json().path("error").asText()).isEqualTo("onboarding_exists");
        assertThat(refused.get(0).json().path("message").asText()).contains(winner);

        await().atMost(Duration.ofMinutes(2)).until(() -> !"running".equals(
                child.api().get("/v1/onboardings/" + winner, ADMIN).json().path("status").asText()));
        JsonHttp.Reply done = child.api().get("/v1/onboardings/" + winner, ADMIN);
        assertThat(done.json().path("status").asText()).as(done.body()).isEqualTo("succeeded");
        assertSucceeded(tenant);
        assertThat(child.api().get("/v1/onboardings?tenant_id=" + tenant, ADMIN).json().path("onboardings"))
                .as("the loser left no onboarding behind").hasSize(1);
    }

    @Order(4)
    @ParameterizedTest(name = "killed inside provision_kubernetes, its objects applied -> {0}")
    @EnumSource(Finish.class)
    void aKillAfterTheKubernetesObjectsWereAppliedEndsSucceededOrRolledBack(Finish finish) throws Exception {
        String tenant = unique("applied");
        String body = body(tenant);
        try (StepRecordPause pause = new StepRecordPause("provision_kubernetes")) {
            CompletableFuture<JsonHttp.Reply> started = CompletableFuture.supplyAsync(
                    () -> child.api().post("/v1/onboardings", ADMIN, body, "Prefer", "respond-async"));
            await().atMost(Duration.ofMinutes(2)).until(pause::waiting);
            assertThat(tenantFiles(tenant)).as("the step's objects were applied").isNotEmpty();
            child.kill();
            started.handle((reply, error) -> null).join();
        }
        child.start();
        assertThat(stepStatus(onboardingOf(tenant), "provision_kubernetes")).as("never recorded as done")
                .isNotEqualTo("succeeded");

        finishAndCheck(finish, tenant, body);
    }

    @Order(5)
    @Test
    void aKillInsideDeleteKubernetesEndsRolledBackOnDelete() throws Exception {
        String tenant = unique("undoing");
        String body = body(tenant);
        String id = failedAtImport(body);
        assertThat(tenantFiles(tenant)).as("provisioned before the import failed").isNotEmpty();

        try (StepRecordPause pause = new StepRecordPause("delete_kubernetes")) {
            CompletableFuture<JsonHttp.Reply> deleting = CompletableFuture.supplyAsync(
                    () -> child.api().delete("/v1/onboardings/" + id, ADMIN));
            await().atMost(Duration.ofMinutes(2)).until(pause::waiting);
            assertThat(tenantFiles(tenant)).as("the step's deletes were done").isEmpty();
            child.kill();
            deleting.handle((reply, error) -> null).join();
        }
        child.start();
        assertThat(stepStatus(id, "delete_kubernetes")).as("never recorded as done").isNotEqualTo("succeeded");
        JsonHttp.Reply resumed = child.api().post("/v1/onboardings", ADMIN, body);
        assertThat(resumed.status()).as("a rollback that was under way is not resumed forward: " + resumed.body())
                .isEqualTo(409);

        finishAndCheck(Finish.ROLL_BACK, tenant, body);
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Resumes the onboarding of {@code tenant} to {@code succeeded}, or rolls it back, and checks what is left. */
    private static void finishAndCheck(Finish finish, String tenant, String body) throws Exception {
        String id = onboardingOf(tenant);
        if (finish == Finish.RESUME) {
            JsonHttp.Reply done = resumeUntilFinished(body);
            assertThat(done.json().path("status").asText()).as(done.body()).isEqualTo("succeeded");
            assertThat(done.json().path("onboarding_id").asText()).isEqualTo(id);
            assertSucceeded(tenant);
        } else {
            JsonHttp.Reply rolledBack = rollBackUntilDone(id);
            assertThat(rolledBack.json().path("status").asText()).as(rolledBack.body()).isEqualTo("rolled_back");
            assertNothingLeft(tenant);
        }
    }

    /**
     * Stops an onboarding early and cleanly, its tenant created and its Kubernetes objects applied:
     * the worker's import refused by a dropped connection. Its id.
     */
    private static String failedAtImport(String body) {
        PLATFORM.workerProxy().fault(Fault.DOWN);
        JsonHttp.Reply failed = child.api().post("/v1/onboardings", ADMIN, body);
        PLATFORM.workerProxy().heal();
        assertThat(failed.json().path("status").asText()).as(failed.body()).isEqualTo("failed");
        return failed.json().path("onboarding_id").asText();
    }

    private static String stepStatus(String id, String step) {
        return child.api().get("/v1/onboardings/" + id, ADMIN).element("steps", "name", step).path("status").asText();
    }

    /**
     * A kill point inside a step whose effect calls no peer (Kubernetes in manifests mode is files, so
     * no proxy can hold it): a trigger this test adds to {@code onboarding_steps} makes the write that
     * records {@code step} as succeeded wait on an advisory lock the test holds. The process is killed
     * there, its step's effect done and not recorded; the blocked transaction never commits (it dies
     * with its connection, the lock released only after the kill). The service itself is unchanged;
     * the trigger is dropped when the case ends.
     */
    private static final class StepRecordPause implements AutoCloseable {
        private static final long KEY = 14_000_014L;
        private final Connection admin;

        StepRecordPause(String step) throws java.sql.SQLException {
            admin = PLATFORM.database().connectAsSuperuser();
            try (java.sql.Statement st = admin.createStatement()) {
                st.execute("CREATE FUNCTION crash_matrix_pause() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN PERFORM pg_advisory_xact_lock(" + KEY + "); RETURN NEW; END $$");
                st.execute("CREATE TRIGGER crash_matrix_pause BEFORE UPDATE ON onboarding_steps FOR EACH ROW"
                        + " WHEN (NEW.name = '" + step + "' AND NEW.status = 'succeeded')"
                        + " EXECUTE FUNCTION crash_matrix_pause()");
                st.execute("SELECT pg_advisory_lock(" + KEY + ")");
            }
        }

        /** True once the write recording the step waits on the pause. */
        boolean waiting() throws java.sql.SQLException {
            try (java.sql.Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + KEY
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }

        @Override
        public void close() throws java.sql.SQLException {
            try (java.sql.Statement st = admin.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + KEY + ")");
                // waits for the killed process's blocked transaction to end (it rolls back)
                st.execute("SET lock_timeout = '60s'");
                st.execute("DROP TRIGGER crash_matrix_pause ON onboarding_steps");
                st.execute("DROP FUNCTION crash_matrix_pause()");
            } finally {
                admin.close();
            }
        }
    }

    private static HttpProxy proxy(Peer peer) {
        return switch (peer) {
            case TENANT_SERVICE -> PLATFORM.tenantServiceProxy();
            case WORKER -> PLATFORM.workerProxy();
            case GATES -> gatesProxy;
        };
    }

    private static String body(String tenant) {
        return body(tenant, PLATFORM.sdpInstanceWithHistory(tenant, "SDP-KEY-" + tenant), "crash-" + tenant);
    }

    private static String body(String tenant, String sdpUrl, String key) {
        return "{\"idempotency_key\": \"" + key + "\", \"tenant_id\": \"" + tenant + "\","
                + " \"name\": \"Crash Ltd\", \"tier\": \"premium\", \"admin_contact_email\": \"ops@crash.example\","
                + " \"servicedesk_url\": \"" + sdpUrl + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-" + tenant + "\"}}";
    }

    private static String onboardingOf(String tenant) {
        JsonHttp.Reply list = child.api().get("/v1/onboardings?tenant_id=" + tenant, ADMIN);
        assertThat(list.json().path("onboardings").size()).as(list.body()).isEqualTo(1);
        return list.json().path("onboardings").path(0).path("onboarding_id").asText();
    }

    /** POSTs the same request until the onboarding has finished; the dead process's lease must run out first. */
    private static JsonHttp.Reply resumeUntilFinished(String body) {
        JsonHttp.Reply[] last = new JsonHttp.Reply[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = child.api().post("/v1/onboardings", ADMIN, body, "Prefer", "wait=30");
            String status = last[0].json().path("status").asText();
            return "succeeded".equals(status);
        });
        return last[0];
    }

    /** DELETEs until it is rolled back (409 while the dead process's lease runs). */
    private static JsonHttp.Reply rollBackUntilDone(String id) {
        JsonHttp.Reply[] last = new JsonHttp.Reply[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = child.api().delete("/v1/onboardings/" + id, ADMIN);
            return last[0].status() == 200;
        });
        return last[0];
    }

    private static void assertSucceeded(String tenant) throws Exception {
        JsonHttp.Reply record = PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN);
        assertThat(record.json().path("status").asText()).as(record.body()).isEqualTo("active");
        JsonHttp.Reply runs = PLATFORM.gatesRunner().get("/v1/tenants/" + tenant + "/gate-runs?limit=1", VIEWER);
        assertThat(runs.json().path("runs").path(0).path("gates").size()).as(runs.body()).isEqualTo(4);
        assertThat(runs.json().path("runs").path(0).path("passed").asBoolean()).as(runs.body()).isTrue();
        assertThat(tenantFiles(tenant)).as("premium manifests").isNotEmpty();
    }

    private static void assertNothingLeft(String tenant) throws Exception {
        assertThat(PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN).status()).isEqualTo(404);
        assertThat(tenantFiles(tenant)).as("Kubernetes objects").isEmpty();
        try (Connection c = PLATFORM.database().connectAsSuperuser()) {
            for (String table : tenantScopedTables(c)) {
                try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")) {
                    st.setString(1, tenant);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("rows of " + tenant + " in " + table).isZero();
                    }
                }
            }
        }
    }

    private static List<String> tenantScopedTables(Connection c) throws Exception {
        List<String> tables = new java.util.ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND column_name = 'tenant_id'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("tenant_configs", "ticket_history");
        return tables;
    }

    private static List<Path> tenantFiles(String tenant) throws Exception {
        Path dir = PLATFORM.manifestsDir().resolve(tenant);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
