package com.aiagents.platform.worker.support;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdpsim.SdpSimulatorApplication;
import com.aiagents.platform.sdpsim.SdpSimulatorConfiguration;
import com.aiagents.platform.sdpsim.testing.SimulatorControl;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;
import com.aiagents.platform.worker.EnhancementWorkerApplication;
import com.aiagents.platform.worker.EnhancementWorkerConfiguration;
import com.aiagents.platform.worker.queue.JobCodec;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * Everything a worker needs, real: tenant-service (with its private migrated database, which the
 * worker shares), the SDP simulator, a private Redis database, and the worker itself in-process
 * ({@code startWorker = false} leaves it to the test, e.g. to run it as a child process).
 */
public final class WorkerEnvironment implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN = TenantServiceExtension.ADMIN_TOKEN;
    public static final String OPERATOR = TenantServiceExtension.OPERATOR_TOKEN;
    public static final String VIEWER = TenantServiceExtension.VIEWER_TOKEN;
    /** The callers the worker accepts: gates-runner (determinism probe), provisioning-service (imports). */
    public static final String GATES = TenantServiceExtension.GATES_TOKEN;
    public static final String PROVISIONING = TenantServiceExtension.PROVISIONING_TOKEN;

    private final boolean startWorker;
    /** Config overrides use their own prefix: tenant-service's extension leaves its dw.* properties set. */
    static final String PREFIX = "worker.";
    private final java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
    private final TenantServiceExtension tenantService = new TenantServiceExtension();
    private DropwizardTestSupport<SdpSimulatorConfiguration> simulatorApp;
    private SimulatorControl simulator;
    private TestRedis redis;
    private DropwizardTestSupport<EnhancementWorkerConfiguration> worker;
    private SdpClientFactory sdpFactory;
    private TenantDatabase database;

    /** @param settings worker config overrides, {@code "llm.baseUrl", "http://..."} */
    public WorkerEnvironment(boolean startWorker, java.util.Map<String, String> settings) {
        this.startWorker = startWorker;
        this.extra.putAll(settings);
    }

    public WorkerEnvironment(java.util.Map<String, String> settings) {
        this(true, settings);
    }

    /**
     * The worker and tenant-service export their spans to this OTLP/HTTP endpoint (an
     * {@code OtlpReceiver}) within 100 ms of a span's end. Before the environment starts.
     */
    public WorkerEnvironment withTracingTo(String otlpEndpoint) {
        extra.put("tracing.enabled", "true");
        extra.put("tracing.endpoint", otlpEndpoint);
        extra.put("tracing.scheduleDelay", "100 milliseconds");
        tenantService.withTracingTo(otlpEndpoint);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redis = TestRedis.claim();
        simulatorApp = new DropwizardTestSupport<>(SdpSimulatorApplication.class, "sdp-simulator-test.yml",
                new ResourceConfigurationSourceProvider());
        simulatorApp.before();
        simulator = new SimulatorControl("http://127.0.0.1:" + simulatorApp.getLocalPort());
        tenantService.beforeAll(context);
        sdpFactory = new SdpClientFactory(SdpClientConfig.builder().retry(1, Duration.ofMillis(10), Duration.ofMillis(10))
                .allowPrivateNetworks(true).build()); // the simulator is at http://127.0.0.1
        TestDatabase db = tenantService.database();
        database = new TenantDatabase(Jdbi.create(db.jdbcUrl(), db.roleFor(ServiceRole.ENHANCEMENT_WORKER), db.password()));
        if (startWorker) {
            worker = new DropwizardTestSupport<>(EnhancementWorkerApplication.class, "worker-test.yml",
                    new ResourceConfigurationSourceProvider(), PREFIX, settings().entrySet().stream()
                    .map(e -> ConfigOverride.config(PREFIX, e.getKey(), e.getValue())).toArray(ConfigOverride[]::new));
            worker.before();
        }
    }

    /** The worker's settings for this environment (config paths to values). */
    public java.util.Map<String, String> settings() {
        TestDatabase db = tenantService.database();
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("database.url", db.jdbcUrl());
        all.put("database.user", db.roleFor(ServiceRole.ENHANCEMENT_WORKER));
        all.put("database.password", db.password());
        all.put("redis.url", redis.url());
        all.put("tenantService.url", tenantService.baseUrl());
        all.put("tenantService.healthUrl", tenantService.adminUrl() + "/healthcheck");
        all.putAll(extra);
        return all;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (worker != null) {
            worker.after();
        }
        if (simulatorApp != null) {
            simulatorApp.after();
        }
        if (sdpFactory != null) {
            sdpFactory.close();
        }
        tenantService.afterAll(context);
        if (redis != null) {
            redis.close();
        }
    }

    /** An SDP simulator instance and a tenant pointing at it; preferences as JSON (or null). */
    public Tenant createTenant(String tenantId, String preferencesJson) {
        return createTenant(tenantId, preferencesJson, "basic");
    }

    public Tenant createTenant(String tenantId, String preferencesJson, String tier) {
        return createTenant(tenantId, preferencesJson, tier, 100);
    }

    public Tenant createTenant(String tenantId, String preferencesJson, String tier, int requestsPerMinute) {
        String apiKey = "sdp-key-" + UUID.randomUUID();
        String baseUrl = simulator.createInstance(tenantId, apiKey);
        String body = "{\"tenant_id\":\"" + tenantId + "\",\"name\":\"Tenant " + tenantId + "\",\"tier\":\"" + tier + "\","
                + "\"admin_contact_email\":\"admin@" + tenantId + ".example\",\"servicedesk_url\":\"" + baseUrl + "\","
                + "\"servicedesk_edition\":\"onprem\",\"servicedesk_credentials\":{\"api_key\":\"" + apiKey + "\"}"
                + ",\"rate_limits\":{\"requests_per_minute\":" + requestsPerMinute + "}"
                + (preferencesJson == null ? "" : ",\"enhancement_preferences\":" + preferencesJson) + "}";
        JsonHttp.Reply reply = new JsonHttp(tenantService.baseUrl()).post("/v1/tenants", ADMIN, body);
        if (reply.status() != 201) {
            throw new IllegalStateException("tenant-service refused the tenant: " + reply.status() + " " + reply.body());
        }
        return new Tenant(TenantId.of(tenantId), baseUrl, apiKey, reply.json().path("webhook").path("secret").asText(),
                sdpFactory.clientFor(SdpConnection.onPrem(tenantId, baseUrl, apiKey)));
    }

    /** A tenant of the test: its id, its SDP (the simulator) and a real SDP client for it. */
    public record Tenant(TenantId id, String sdpBaseUrl, String sdpApiKey, String webhookSecret, SdpClient sdp) {
    }

    public static EnhancementJob job(TenantId tenant, String ticketId) {
        String id = UUID.randomUUID().toString();
        return new EnhancementJob(id, tenant.value(), ticketId, EnhancementJob.REQUEST_CREATED, "ek-" + id,
                Instant.now(), 0, null);
    }

    /** LPUSHes jobs on the ingress list, as the gateway does. */
    public void enqueue(Collection<EnhancementJob> jobs) {
        try (Jedis jedis = redis.connect()) {
            List<String> raw = jobs.stream().map(JobCodec::write).toList();
            for (int i = 0; i < raw.size(); i += 1000) {
                jedis.lpush(QueueNames.INGRESS, raw.subList(i, Math.min(raw.size(), i + 1000)).toArray(String[]::new));
            }
        }
    }

    public Jedis redis() {
        return redis.connect();
    }

    public TestRedis testRedis() {
        return redis;
    }

    public SimulatorControl simulator() {
        return simulator;
    }

    /** The worker's shared database, as the worker's own role, through the tenant boundary. */
    public TenantDatabase database() {
        return database;
    }

    public TestDatabase testDatabase() {
        return tenantService.database();
    }

    public TenantServiceExtension tenantService() {
        return tenantService;
    }

    public JsonHttp workerHttp() {
        return new JsonHttp(workerBaseUrl());
    }

    public String workerBaseUrl() {
        return "http://127.0.0.1:" + worker.getLocalPort();
    }

    public JsonHttp workerAdminHttp() {
        return new JsonHttp("http://127.0.0.1:" + worker.getAdminPort());
    }

    /** Posted history rows of a ticket. */
    public List<String> historyStatuses(TenantId tenant, String ticketId) {
        return database.inTenant(tenant, h -> h.createQuery(
                        "SELECT status FROM enhancement_history WHERE ticket_id = :t ORDER BY id")
                .bind("t", ticketId).mapTo(String.class).list());
    }
}
