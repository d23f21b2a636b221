package com.aiagents.platform.provisioning.onboarding;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.SERVICE_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.provisioning.kubernetes.ClusterKubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.MockCluster;
import com.aiagents.platform.provisioning.kubernetes.TenantResourcePlanner;
import com.aiagents.platform.provisioning.support.Api;
import com.aiagents.platform.provisioning.support.Gates;
import com.aiagents.platform.provisioning.support.FakePipeline;
import com.aiagents.platform.provisioning.support.FakeWorker;
import com.aiagents.platform.provisioning.support.Leftovers;
import com.aiagents.platform.provisioning.support.ProvisioningApp;
import com.aiagents.platform.provisioning.support.SdpSimulator;
import com.aiagents.platform.provisioning.support.HttpProxy;
import com.aiagents.platform.provisioning.support.HttpProxy.Fault;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One call takes a tenant from nothing to {@code active}, through the real tenant-service (its own
 * migrated database), the real gates-runner (all four gates, recorded in {@code gate_runs}, so
 * activation is tenant-service's own check), the SDP simulator, fabric8's mock Kubernetes API
 * server (CRUD mode), the real webhook-gateway that gate 3's webhook goes through, and stand-ins
 * speaking the documented contracts for the worker, which has not landed yet: its queue processing
 * and determinism probe ({@link FakePipeline}) and its ticket-history import.
 * Faults are injected at every step; each leaves a resumable onboarding or a clean rollback.
 */
class OnboardingEndToEndTest {
    @RegisterExtension
    static final TenantServiceExtension TENANTS = new TenantServiceExtension();

    private static SdpSimulator sdp;
    private static final Map<String, String> SDP_URLS = new ConcurrentHashMap<>();
    private static FakeWorker worker;
    private static Gates gates;
    private static HttpProxy proxy;
    private static MockCluster cluster;
    private static ProvisioningApp app;
    private static Api api;
    private static Api tenantService;
    private LogCapture logs;

    @BeforeAll
    static void start() {
        sdp = new SdpSimulator();
        worker = new FakeWorker(SERVICE_TOKEN);
        gates = new Gates(TENANTS.database(), SERVICE_TOKEN, TENANTS.baseUrl());
        proxy = new HttpProxy(TENANTS.baseUrl());
        cluster = new MockCluster();
        app = ProvisioningApp.builder(TENANTS.database())
                .tenantService(proxy.baseUrl())
                .gatesRunner(gates.baseUrl())
                .worker(worker.baseUrl())
                .set("services.tenantService.healthUrl", TENANTS.adminUrl() + "/healthcheck")
                .kubernetes(config -> new ClusterKubernetesProvisioner(cluster.newClient(),
                        new TenantResourcePlanner(config.settings())))
                .start();
        gates.provisioningAt(app.baseUrl());
        api = new Api(app.baseUrl());
        tenantService = new Api(TENANTS.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, cluster, proxy, gates, worker, sdp}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void healthy() {
        logs = LogCapture.attach();
        proxy.heal();
        worker.setFailing(false);
        gates.pipeline().setDeterministic(true);
    }

    @AfterEach
    void noSecretWasLogged() {
        logs.close();
        for (String line : logs.lines()) {
            assertThat(line).doesNotContain("SDP-KEY-").doesNotContain(SERVICE_TOKEN).doesNotContain(ADMIN_TOKEN);
        }
    }

    @Test
    void aBasicTenantGoesFromNothingToActiveInOneCall() {
        String tenant = unique("basic");
        Api.Reply reply = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", null));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode onboarding = reply.json();
        assertThat(onboarding.path("status").asText()).isEqualTo("succeeded");
        assertThat(onboarding.path("tenant_id").asText()).isEqualTo(tenant);
        assertThat(onboarding.path("steps")).extracting(s -> s.path("name").asText() + "=" + s.path("status").asText())
                .containsExactly("create_tenant=succeeded", "mark_configured=succeeded", "provision_kubernetes=succeeded",
                        "run_gates=succeeded", "activate=succeeded", "start_ticket_history_import=succeeded");
        for (JsonNode step : onboarding.path("steps")) {
            assertThat(step.has("started_at") && step.has("duration_ms") && step.has("error")).isTrue();
            assertThat(step.path("error").isNull()).isTrue();
        }
        assertThat(tenantService.get("/v1/tenants/" + tenant, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("active");
        assertThat(cluster.client().secrets().inNamespace("ai-agents").withName("tenant-" + tenant + "-credentials").get())
                .isNotNull();
        assertThat(worker.imports()).contains(tenant);

        JsonNode webhook = onboarding.path("webhook");
        assertThat(webhook.path("secret").asText()).matches("[0-9a-f]{64}");
        assertThat(webhook.path("url").asText()).endsWith("/webhook/servicedesk?tenant_id=" + tenant);
        assertThat(webhook.path("signature_header").asText()).isEqualTo("X-ServiceDesk-Signature");
        String secret = webhook.path("secret").asText();
        Api.Reply later = api.get("/v1/onboardings/" + onboarding.path("onboarding_id").asText(), VIEWER_TOKEN);
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.body()).doesNotContain(secret);
        assertThat(later.json().path("webhook").path("url").asText()).isEqualTo(webhook.path("url").asText());
        assertThat(api.get("/v1/onboardings?tenant_id=" + tenant, OPERATOR_TOKEN).body()).doesNotContain(secret)
                .contains(onboarding.path("onboarding_id").asText());
        assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
    }

    @Test
    void aPremiumTenantGetsItsOwnNamespaceAndGoesActive() {
        String tenant = unique("prem");
        Api.Reply reply = api.post("/v1/onboardings", OPERATOR_TOKEN, body(tenant, "premium", null));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("status").asText()).isEqualTo("succeeded");
        KubernetesClient k8s = cluster.client();
        assertThat(k8s.namespaces().withName("tenant-" + tenant).get().getMetadata().getLabels())
                .containsEntry("tenant-id", tenant).containsEntry("tier", "premium");
        assertThat(k8s.resourceQuotas().inNamespace("tenant-" + tenant).withName("tenant-quota").get()).isNotNull();
        assertThat(k8s.network().v1().networkPolicies().inNamespace("tenant-" + tenant).withName("tenant-isolation").get())
                .isNotNull();

        Api.Reply status = api.get("/v1/tenants/" + tenant + "/kubernetes", SERVICE_TOKEN);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("converged").asBoolean()).isTrue();
        assertThat(status.json().path("objects")).hasSize(8);
        assertThat(status.body()).doesNotContain("SDP-KEY-");
        assertThat(tenantService.get("/v1/tenants/" + tenant, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void sdpDownDuringGate3LeavesAResumableOnboardingThatCompletesOnceSdpIsBack() {
        String tenant = unique("sdp");
        String key = "key-" + tenant;
        String request = body(tenant, "basic", key);
        sdp.setDown(tenant, true);
        Api.Reply failed = api.post("/v1/onboardings", ADMIN_TOKEN, request);

        assertThat(failed.status()).isEqualTo(201);
        assertThat(failed.json().path("status").asText()).isEqualTo("failed");
        assertThat(failed.step("run_gates").path("status").asText()).isEqualTo("failed");
        assertThat(failed.step("run_gates").path("error").asText()).contains("gate 3 Golden Path E2E");
        assertThat(failed.step("activate").path("status").asText()).isEqualTo("pending");
        assertThat(tenantService.get("/v1/tenants/" + tenant, ADMIN_TOKEN).json().path("status").asText())
                .isEqualTo("configured");

        sdp.setDown(tenant, false);
        Api.Reply resumed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        assertThat(resumed.json().path("onboarding_id").asText()).isEqualTo(failed.json().path("onboarding_id").asText());
        assertThat(resumed.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.step("create_tenant").path("attempts").asInt()).as("not created twice").isEqualTo(1);
        assertThat(resumed.step("run_gates").path("attempts").asInt()).isEqualTo(2);
        assertThat(resumed.json().path("webhook").has("secret")).as("the secret was shown once, before").isFalse();
        assertThat(tenantService.get("/v1/tenants/" + tenant, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void aFailedGateRunRolledBackLeavesNothingBehind() {
        String tenant = unique("rollback");
        String key = "key-" + tenant;
        gates.pipeline().setDeterministic(false);
        Api.Reply failed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "premium", key));
        assertThat(failed.json().path("status").asText()).isEqualTo("failed");
        assertThat(failed.step("run_gates").path("error").asText()).contains("gate 2 Determinism Proof");
        assertThat(Leftovers.rows(TENANTS.database(), tenant)).containsKeys("tenant_configs", "gate_runs");
        assertThat(cluster.client().namespaces().withName("tenant-" + tenant).get()).isNotNull();

        String id = failed.json().path("onboarding_id").asText();
        Api.Reply rolledBack = api.delete("/v1/onboardings/" + id, OPERATOR_TOKEN);

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().path("status").asText()).isEqualTo("rolled_back");
        assertThat(rolledBack.step("delete_kubernetes").path("status").asText()).isEqualTo("succeeded");
        assertThat(rolledBack.step("remove_tenant").path("detail").asText()).contains("purged");
        assertThat(Leftovers.rows(TENANTS.database(), tenant)).as("no row of the tenant in any table").isEmpty();
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).isNull();
        assertThat(cluster.client().namespaces().withName("tenant-" + tenant).get()).isNull();
        assertThat(cluster.client().secrets().inAnyNamespace().withLabel("tenant-id", tenant).list().getItems()).isEmpty();

        assertThat(api.delete("/v1/onboardings/" + id, OPERATOR_TOKEN).status()).as("again: harmless").isEqualTo(200);
        Api.Reply reused = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "premium", key));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().path("error").asText()).isEqualTo("onboarding_rolled_back");
    }

    @Test
    void aKubernetesApiErrorLeavesAResumableOnboarding() {
        String tenant = unique("k8s");
        String key = "key-" + tenant;
        cluster.server().expect().post().withPath("/api/v1/namespaces")
                .andReturn(500, "{\"kind\":\"Status\",\"message\":\"etcdserver: request timed out\"}").once();
        Api.Reply failed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "premium", key));

        assertThat(failed.json().path("status").asText()).isEqualTo("failed");
        assertThat(failed.step("provision_kubernetes").path("error").asText())
                .contains("Namespace tenant-" + tenant, "HTTP 500");
        assertThat(failed.step("run_gates").path("status").asText()).isEqualTo("pending");

        Api.Reply resumed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "premium", key));
        assertThat(resumed.json().path("status").asText()).as(resumed.body()).isEqualTo("succeeded");
        assertThat(resumed.step("provision_kubernetes").path("attempts").asInt()).isEqualTo(2);
        assertThat(cluster.client().namespaces().withName("tenant-" + tenant).get()).isNotNull();
    }

    @Test
    void tenantServiceDownAtCreateLeavesNothingAndTheSameCallCompletesLater() {
        String tenant = unique("down");
        String key = "key-" + tenant;
        proxy.fault(Fault.DOWN);
        Api.Reply failed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));

        assertThat(failed.status()).isEqualTo(201);
        assertThat(failed.json().path("status").asText()).isEqualTo("failed");
        assertThat(failed.step("create_tenant").path("error").asText()).contains("tenant-service");
        assertThat(failed.json().path("webhook").isNull()).isTrue();
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).isNull();

        proxy.heal();
        Api.Reply resumed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));
        assertThat(resumed.json().path("status").asText()).as(resumed.body()).isEqualTo("succeeded");
        assertThat(resumed.json().path("onboarding_id").asText()).isEqualTo(failed.json().path("onboarding_id").asText());
        assertThat(resumed.json().path("webhook").path("secret").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void aLostCreateAnswerIsAdoptedOnResumeAndTheWebhookSecretIsRotatedToShowIt() {
        String tenant = unique("lost");
        String key = "key-" + tenant;
        proxy.fault(Fault.LOSE_ANSWER, HttpProxy.call("POST", "/v1/tenants"));
        Api.Reply failed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));
        assertThat(failed.json().path("status").asText()).isEqualTo("failed");
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).as("created, answer lost").isEqualTo("onboarding");

        proxy.heal();
        Api.Reply resumed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));
        assertThat(resumed.json().path("status").asText()).as(resumed.body()).isEqualTo("succeeded");
        assertThat(resumed.step("create_tenant").path("detail").asText()).contains("adopted");
        assertThat(resumed.json().path("webhook").path("secret").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void aTenantWhoseCreateAnswerWasLostIsRemovedByRollbackToo() {
        String tenant = unique("lostrb");
        proxy.fault(Fault.LOSE_ANSWER, HttpProxy.call("POST", "/v1/tenants"));
        Api.Reply failed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", "key-" + tenant));
        proxy.heal();
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).isEqualTo("onboarding");

        Api.Reply rolledBack = api.delete("/v1/onboardings/" + failed.json().path("onboarding_id").asText(), ADMIN_TOKEN);

        assertThat(rolledBack.json().path("status").asText()).as(rolledBack.body()).isEqualTo("rolled_back");
        assertThat(Leftovers.rows(TENANTS.database(), tenant)).isEmpty();
    }

    @Test
    void tenantServiceDownAtActivationIsResumable() throws InterruptedException {
        String tenant = unique("act");
        String key = "key-" + tenant;
        gates.pipeline().hold();
        Api.Reply started = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key), "Prefer", "respond-async");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().path("status").asText()).isEqualTo("running");
        assertThat(started.json().path("webhook").path("secret").asText()).as("shown in the first answer").hasSize(64);
        assertThat(gates.pipeline().awaitArrival()).isTrue();
        proxy.fault(Fault.DOWN, HttpProxy.call("GET", "/v1/tenants/" + tenant));
        gates.pipeline().release();
        String id = started.json().path("onboarding_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(status(id)));
        Api.Reply failed = api.get("/v1/onboardings/" + id, ADMIN_TOKEN);
        assertThat(failed.json().path("status").asText()).isEqualTo("failed");
        assertThat(failed.step("activate").path("status").asText()).isEqualTo("failed");
        assertThat(failed.body()).doesNotContain(started.json().path("webhook").path("secret").asText());

        proxy.heal();
        Api.Reply resumed = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));
        assertThat(resumed.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(tenantService.get("/v1/tenants/" + tenant, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void anInvalidBodyIsRefusedWithTenantServicesFieldErrorsAndNothingIsCreated() {
        String tenant = unique("bad");
        int gateRuns = gates.pipeline().probes();
        String body = body(tenant, "basic", "key-" + tenant).replace("\"max_tokens\": 500", "\"max_tokens\": 10");
        Api.Reply refused = api.post("/v1/onboardings", ADMIN_TOKEN, body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("fields")).extracting(f -> f.path("field").asText())
                .contains("enhancement_preferences.max_tokens");
        assertThat(refused.body()).doesNotContain("SDP-KEY-");
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).isNull();
        assertThat(api.get("/v1/onboardings?tenant_id=" + tenant, ADMIN_TOKEN).json().path("onboardings")).isEmpty();
        assertThat(cluster.client().secrets().inAnyNamespace().withLabel("tenant-id", tenant).list().getItems()).isEmpty();

        Api.Reply local = api.post("/v1/onboardings", ADMIN_TOKEN,
                "{\"tenant_id\": \"Not Valid\", \"tier\": \"gold\", \"idempotency_key\": \"has space\", \"extra\": 1}");
        assertThat(local.status()).isEqualTo(400);
        assertThat(local.json().path("fields")).extracting(f -> f.path("field").asText())
                .contains("tenant_id", "tier", "idempotency_key", "extra", "name", "servicedesk_credentials");
        assertThat(gates.pipeline().probes()).isEqualTo(gateRuns);
    }

    @Test
    void aTakenTenantIdIsAConflictAndTheExistingTenantIsUntouched() {
        String tenant = unique("dup");
        assertThat(api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", null)).json().path("status").asText())
                .isEqualTo("succeeded");
        Api.Reply duplicate = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", "key-" + tenant));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("error").asText()).isEqualTo("tenant_exists");
        assertThat(api.get("/v1/onboardings?tenant_id=" + tenant, ADMIN_TOKEN).json().path("onboardings")).hasSize(1);
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).isEqualTo("active");
    }

    @Test
    void anIdempotencyKeyCannotBeReusedForAnotherTenant() {
        String tenant = unique("idem");
        String key = "key-" + tenant;
        assertThat(api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key)).status()).isEqualTo(201);
        Api.Reply again = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));
        assertThat(again.status()).as("finished: nothing to do").isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("succeeded");

        Api.Reply other = api.post("/v1/onboardings", ADMIN_TOKEN, body(unique("other"), "basic", key));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("error").asText()).isEqualTo("idempotency_key_conflict");
    }

    @Test
    void onlyAdminsAndOperatorsMayOnboardAndViewersMayLook() {
        assertThat(api.post("/v1/onboardings", null, body(unique("anon"), "basic", null)).status()).isEqualTo(401);
        assertThat(api.post("/v1/onboardings", VIEWER_TOKEN, body(unique("viewer"), "basic", null)).status()).isEqualTo(403);
        assertThat(api.post("/v1/onboardings", SERVICE_TOKEN, body(unique("svc"), "basic", null)).status()).isEqualTo(403);
        assertThat(api.get("/v1/onboardings", VIEWER_TOKEN).status()).isEqualTo(200);
        assertThat(api.get("/v1/onboardings/" + UUID.randomUUID(), VIEWER_TOKEN).status()).isEqualTo(404);
        assertThat(api.delete("/v1/onboardings/" + UUID.randomUUID(), VIEWER_TOKEN).status()).isEqualTo(403);
        assertThat(api.post("/v1/tenants/acme/kubernetes/apply", VIEWER_TOKEN, "").status()).isEqualTo(403);
    }

    @Test
    void offboardingAnActiveTenantTakesTheSameRollbackPath() {
        String tenant = unique("off");
        Api.Reply done = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "premium", null));
        assertThat(done.json().path("status").asText()).isEqualTo("succeeded");

        Api.Reply offboarded = api.delete("/v1/onboardings/" + done.json().path("onboarding_id").asText(), ADMIN_TOKEN);

        assertThat(offboarded.status()).as(offboarded.body()).isEqualTo(200);
        assertThat(offboarded.json().path("status").asText()).isEqualTo("rolled_back");
        assertThat(offboarded.step("remove_tenant").path("detail").asText()).contains("offboarded");
        assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).as("tombstone keeps the id").isEqualTo("offboarded");
        assertThat(Leftovers.rows(TENANTS.database(), tenant)).containsOnlyKeys("tenant_configs");
        assertThat(cluster.client().namespaces().withName("tenant-" + tenant).get()).isNull();
        assertThat(api.get("/v1/tenants/" + tenant + "/kubernetes", ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void aFailedTicketHistoryImportIsShownButDoesNotFailTheOnboarding() {
        String tenant = unique("import");
        String key = "key-" + tenant;
        worker.setFailing(true);
        Api.Reply done = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));

        assertThat(done.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(done.step("start_ticket_history_import").path("status").asText()).isEqualTo("failed");
        assertThat(done.step("start_ticket_history_import").path("error").asText()).contains("enhancement-worker answered 503");

        worker.setFailing(false);
        Api.Reply retried = api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", key));
        assertThat(retried.step("start_ticket_history_import").path("status").asText()).isEqualTo("succeeded");
        assertThat(worker.imports()).contains(tenant);
    }

    @Test
    void driftIsReportedAndApplyRepairsIt() {
        String tenant = unique("drift");
        assertThat(api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "premium", null)).json().path("status").asText())
                .isEqualTo("succeeded");
        cluster.client().network().v1().networkPolicies().inNamespace("tenant-" + tenant).withName("tenant-isolation").delete();

        JsonNode drifted = api.get("/v1/tenants/" + tenant + "/kubernetes", VIEWER_TOKEN).json();
        assertThat(drifted.path("converged").asBoolean()).isFalse();
        assertThat(drifted.path("objects")).anyMatch(o -> "NetworkPolicy".equals(o.path("kind").asText())
                && "missing".equals(o.path("state").asText()));

        Api.Reply applied = api.post("/v1/tenants/" + tenant + "/kubernetes/apply", OPERATOR_TOKEN, "");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().path("changes")).anyMatch(c -> "created".equals(c.path("action").asText()));
        assertThat(applied.json().path("status").path("converged").asBoolean()).isTrue();
        assertThat(api.get("/v1/tenants/Bad_Id/kubernetes", VIEWER_TOKEN).status()).isEqualTo(400);
    }

    @Test
    void metricsAndHealthChecksAreExposedOnTheAdminPort() {
        String tenant = unique("metrics");
        gates.pipeline().setDeterministic(false);
        api.post("/v1/onboardings", ADMIN_TOKEN, body(tenant, "basic", null));
        gates.pipeline().setDeterministic(true);
        api.post("/v1/onboardings", ADMIN_TOKEN, body(unique("metrics"), "basic", null));

        Api admin = new Api(app.adminUrl());
        String metrics = admin.get("/metrics", null).body();
        assertThat(metrics).contains("onboarding_duration_seconds_bucket{tier=\"basic\",outcome=\"succeeded\"")
                .contains("onboarding_duration_seconds_count{tier=\"basic\",outcome=\"failed\"")
                .contains("onboarding_step_failures_total{step=\"run_gates\"")
                .doesNotContain(tenant);
        Api.Reply health = admin.get("/healthcheck", null);
        assertThat(health.json().path("kubernetes").path("healthy").asBoolean()).as(health.body()).isTrue();
        assertThat(health.json().path("tenant-service").path("healthy").asBoolean()).isTrue();
        assertThat(health.json().path("postgresql").path("healthy").asBoolean()).isTrue();
    }

    private static String status(String id) {
        return api.get("/v1/onboardings/" + id, ADMIN_TOKEN).json().path("status").asText();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String tenant, String tier, String key) {
        return "{" + (key == null ? "" : "\"idempotency_key\": \"" + key + "\", ")
                + "\"tenant_id\": \"" + tenant + "\", \"name\": \"Tenant " + tenant + "\", \"tier\": \"" + tier + "\","
                + " \"admin_contact_email\": \"admin@" + tenant + ".example\","
                + " \"servicedesk_url\": \"" + SDP_URLS.computeIfAbsent(tenant, t -> sdp.instance(t, "SDP-KEY-" + t))
                + "\", \"servicedesk_edition\": \"onprem\","
                + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-" + tenant + "\"},"
                + " \"webhook_auth\": {\"mode\": \"hmac\"},"
                + " \"enhancement_preferences\": {\"output_format\": \"html\", \"max_tokens\": 500},"
                + " \"rate_limits\": {\"requests_per_minute\": 100}}";
    }
}
