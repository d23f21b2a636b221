package com.aiagents.platform.integration.support;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import com.aiagents.platform.provisioning.ProvisioningServiceApplication;
import com.aiagents.platform.provisioning.ProvisioningServiceConfiguration;
import com.aiagents.platform.provisioning.kubernetes.ClusterKubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.MockCluster;
import com.aiagents.platform.provisioning.kubernetes.TenantResourcePlanner;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.sdpsim.SdpSimulatorApplication;
import com.aiagents.platform.sdpsim.testing.SimulatorControl;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.RedisClusterNodes;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;
import com.aiagents.platform.testing.otlp.OtlpReceiver;
import com.aiagents.platform.worker.EnhancementWorkerApplication;
import com.aiagents.platform.worker.EnhancementWorkerConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, real, in this JVM, once per test class: a private migrated PostgreSQL
 * database and a private Redis database index (TestDatabase, TestRedis), the SDP simulator,
 * tenant-service, webhook-gateway, enhancement-worker, gates-runner and provisioning-service on
 * random ports, wired to each other as in deploy/local-run, and Kubernetes as fabric8's mock API
 * server in CRUD mode (or a manifests directory). {@code afterAll} stops them and drops the
 * database, its roles and the Redis keys.
 *
 * <p>provisioning-service reaches tenant-service and the worker through {@link HttpProxy}s, so a
 * test can inject the outages a running service cannot produce on demand; without a fault they
 * forward. gates-runner and provisioning-service call each other: provisioning's port is chosen
 * before gates-runner starts.
 *
 * <p>{@link #sharedInClusterMode()} and {@link #sharedInManifestsMode()} hand every test class of
 * this JVM that asks the same platform, started by the first of them and stopped when the JVM's test
 * run (its launcher session) ends; each of surefire's two test JVMs has its own: a start
 * is most of a short class's time. Only for classes that leave every service running and configured
 * as they found it, and whose assertions are about tenants (and SDP instances) of their own.
 */
public final class Platform implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN = TenantServiceExtension.ADMIN_TOKEN;
    public static final String OPERATOR = TenantServiceExtension.OPERATOR_TOKEN;
    public static final String VIEWER = TenantServiceExtension.VIEWER_TOKEN;
    /** Each service's own token, as the platform/*.yml configs give it to the service and its callees. */
    public static final String GATEWAY = TenantServiceExtension.GATEWAY_TOKEN;
    public static final String WORKER = TenantServiceExtension.WORKER_TOKEN;
    public static final String GATES = TenantServiceExtension.GATES_TOKEN;
    public static final String PROVISIONING = TenantServiceExtension.PROVISIONING_TOKEN;
    public static final List<String> SERVICE_TOKENS = List.of(GATEWAY, WORKER, GATES, PROVISIONING);

    private final boolean manifestsMode;
    private final OtlpReceiver traces;
    /** First of three ports for a Redis Cluster of the platform's own, or null for a TestRedis database. */
    private final Integer redisClusterPort;
    private final TenantServiceExtension tenantService;
    private final List<AutoCloseable> started = new ArrayList<>();
    private TestRedis redis;
    private RedisClusterNodes redisCluster;
    private SimulatorControl sdp;
    private MockCluster cluster;
    private Path manifests;
    private HttpProxy tenantServiceProxy;
    private HttpProxy workerProxy;
    private InProcessApp<WebhookGatewayConfiguration> gateway;
    private InProcessApp<EnhancementWorkerConfiguration> worker;
    private InProcessApp<GatesRunnerConfiguration> gates;
    private InProcessApp<ProvisioningServiceConfiguration> provisioning;
    private int provisioningPort;
    private Map<String, String> gatewaySettings = Map.of();
    private final Map<String, String> workerSettings = new LinkedHashMap<>();
    private final Map<String, String> authSettings = new LinkedHashMap<>();
    private static final Map<String, Platform> SHARED = new java.util.HashMap<>();
    /** Started once for every class that uses it, stopped at the end of the test run. */
    private boolean shared;
    private boolean sharedRunning;

    private Platform(boolean manifestsMode, OtlpReceiver traces) {
        this(manifestsMode, traces, null);
    }

    private Platform(boolean manifestsMode, OtlpReceiver traces, Integer redisClusterPort) {
        this.manifestsMode = manifestsMode;
        this.traces = traces;
        this.redisClusterPort = redisClusterPort;
        this.tenantService = traces == null ? new TenantServiceExtension()
                : new TenantServiceExtension().withTracingTo(traces.endpoint());
    }

    /** Kubernetes as fabric8's mock API server ({@code KUBERNETES_MODE=cluster}), tracing off. */
    public static Platform inClusterMode() {
        return new Platform(false, null);
    }

    /** {@code KUBERNETES_MODE=manifests}: YAML files in a temporary directory, the Secret delivered out of band. */
    public static Platform inManifestsMode() {
        return new Platform(true, null);
    }

    /**
     * Cluster mode on a three-node Redis Cluster of its own ({@code firstPort} and the two after it):
     * gateway, worker and gates-runner reach it by its seeds ({@code REDIS_CLUSTER_NODES}).
     */
    public static Platform onRedisCluster(int firstPort) {
        return new Platform(false, null, firstPort);
    }

    /** Cluster mode, with every service exporting every span to {@code traces}. */
    public static Platform tracedTo(OtlpReceiver traces) {
        return new Platform(false, traces);
    }

    /** {@link #inClusterMode()}, one for every test class of this JVM that asks for it (see the class comment). */
    public static synchronized Platform sharedInClusterMode() {
        return SHARED.computeIfAbsent("cluster", key -> new Platform(false, null).sharedAcrossClasses());
    }

    /** {@link #inManifestsMode()}, one for every test class of this JVM that asks for it (see the class comment). */
    public static synchronized Platform sharedInManifestsMode() {
        return SHARED.computeIfAbsent("manifests", key -> new Platform(true, null).sharedAcrossClasses());
    }

    private Platform sharedAcrossClasses() {
        shared = true;
        return this;
    }

    private void requireOwn() {
        if (shared) {
            throw new IllegalStateException("a shared platform has the default settings; a test that needs others starts its own");
        }
    }

    /** Extra config overrides for webhook-gateway (e.g. a short rate window for a storm test). */
    public Platform withGatewaySettings(Map<String, String> settings) {
        requireOwn();
        this.gatewaySettings = Map.copyOf(settings);
        return this;
    }

    /** tenant-service settings (e.g. the welcome mail's SMTP server), read when it starts. */
    public Platform withTenantServiceSettings(Map<String, java.util.function.Supplier<String>> settings) {
        requireOwn();
        tenantService.withSettings(settings);
        return this;
    }

    /**
     * Settings of people's token verification ({@code auth.users.*}, e.g. a short revocation poll)
     * for the services that verify them against tenant-service: the worker, gates-runner and
     * provisioning-service; before the start.
     */
    public Platform withPeopleTokenSettings(Map<String, String> settings) {
        requireOwn();
        authSettings.putAll(settings);
        return this;
    }

    /** Extra enhancement-worker settings (e.g. reconciliation on, with short intervals); before the start. */
    public Platform withWorkerSettings(Map<String, String> settings) {
        requireOwn();
        workerSettings.putAll(settings);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (shared) {
            startShared(context);
        } else {
            startOrCleanUp(context);
        }
    }

    private void startOrCleanUp(ExtensionContext context) throws Exception {
        try {
            start(context);
        } catch (Exception | Error e) {
            stopAll(context);
            throw e;
        }
    }

    private synchronized void startShared(ExtensionContext context) throws Exception {
        if (sharedRunning) {
            return;
        }
        startOrCleanUp(context);
        sharedRunning = true;
        // stopped when the launcher session ends: the whole run of this JVM. Not the root context's
        // store: surefire with two forks runs each class as a request of its own, and the root
        // context (and its store) ends with each class. An AutoCloseable: the session's store closes
        // only those (a CloseableResource there would never be closed, its database never dropped)
        context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.create(Platform.class))
                .put(this, (AutoCloseable) () -> stopShared(context));
    }

    /** A runner that ends the session early gets a fresh start for its next class, not a stopped platform. */
    private synchronized void stopShared(ExtensionContext context) throws Exception {
        sharedRunning = false;
        stopAll(context);
    }

    private void start(ExtensionContext context) throws Exception {
        // registered before it starts: one that fails to start has created its database already
        started.add(() -> tenantService.afterAll(context));
        tenantService.beforeAll(context);
        if (redisClusterPort == null) {
            redis = closing(TestRedis.claim());
        } else {
            redisCluster = closing(RedisClusterNodes.start(redisClusterPort));
        }
        sdp = new SimulatorControl(starting(new InProcessApp<>(SdpSimulatorApplication.class, SdpSimulatorApplication::new,
                "platform/sdp-simulator.yml", "sdpsim")).baseUrl());
        gateway = starting(new InProcessApp<>(WebhookGatewayApplication.class, WebhookGatewayApplication::new,
                "platform/webhook-gateway.yml", "gateway")
                .setAll(redisSettings())
                .set("tenantService.url", tenantService.baseUrl())
                .setAll(tracingSettings())
                .setAll(gatewaySettings));
        worker = starting(new InProcessApp<>(EnhancementWorkerApplication.class, EnhancementWorkerApplication::new,
                "platform/enhancement-worker.yml", "worker")
                .setAll(databaseSettings(ServiceRole.ENHANCEMENT_WORKER))
                .setAll(redisSettings())
                .set("tenantService.url", tenantService.baseUrl())
                .set("tenantService.healthUrl", tenantService.adminUrl() + "/health-check")
                .setAll(tracingSettings())
                .setAll(authSettings)
                .setAll(workerSettings));
        tenantServiceProxy = closing(new HttpProxy(tenantService.baseUrl()));
        workerProxy = closing(new HttpProxy(worker.baseUrl()));

        provisioningPort = freePort();
        gates = starting(new InProcessApp<>(GatesRunnerApplication.class, GatesRunnerApplication::new,
                "platform/gates-runner.yml", "gates").setAll(gatesRunnerSettings()));
        provisioning = starting(new InProcessApp<>(ProvisioningServiceApplication.class, provisioningApplication(),
                "platform/provisioning-service.yml", "provisioning")
                .port(provisioningPort)
                .setAll(provisioningSettings()));
    }

    /**
     * provisioning-service's config overrides for this platform (what a provisioning-service in a
     * child process is started with too, on {@link #provisioningPort()}).
     */
    public Map<String, String> provisioningSettings() {
        Map<String, String> settings = new LinkedHashMap<>(databaseSettings(ServiceRole.PROVISIONING_SERVICE));
        settings.put("services.tenantService.url", tenantServiceProxy.baseUrl());
        settings.put("services.tenantService.healthUrl", tenantService.adminUrl() + "/health-check");
        settings.put("services.gatesRunner.url", gates.baseUrl());
        settings.put("services.gatesRunner.healthUrl", gates.adminUrl() + "/health-check");
        settings.put("services.enhancementWorker.url", workerProxy.baseUrl());
        settings.putAll(kubernetesSettings());
        settings.putAll(tracingSettings());
        settings.putAll(authSettings);
        return settings;
    }

    /** The port provisioning-service listens on (gates-runner calls it there). */
    public int provisioningPort() {
        return provisioningPort;
    }

    /** gates-runner's config overrides for this platform (also what the {@code validate} command is run with). */
    public Map<String, String> gatesRunnerSettings() {
        Map<String, String> settings = new LinkedHashMap<>(databaseSettings(ServiceRole.GATES_RUNNER));
        settings.putAll(redisSettings());
        settings.put("services.tenantServiceUrl", tenantService.baseUrl());
        settings.put("services.webhookGatewayUrl", gateway.baseUrl());
        settings.put("services.enhancementWorkerUrl", worker.baseUrl());
        settings.put("services.provisioningServiceUrl", "http://127.0.0.1:" + provisioningPort);
        settings.putAll(tracingSettings());
        settings.putAll(authSettings);
        return settings;
    }

    private Supplier<ProvisioningServiceApplication> provisioningApplication() throws IOException {
        if (manifestsMode) {
            manifests = Files.createTempDirectory("platform-manifests");
            started.add(() -> FileUtils.deleteDirectory(manifests.toFile()));
            return ProvisioningServiceApplication::new;
        }
        cluster = closing(new MockCluster());
        return () -> new ProvisioningServiceApplication(config -> new ClusterKubernetesProvisioner(cluster.newClient(),
                new TenantResourcePlanner(config.settings())));
    }

    private Map<String, String> kubernetesSettings() {
        return manifestsMode
                ? Map.of("kubernetes.mode", "manifests", "kubernetes.manifestsDir", manifests.toString())
                : Map.of();
    }

    /** Where the services' Redis is: a private database index, or the cluster's seeds. */
    private Map<String, String> redisSettings() {
        if (redisCluster == null) {
            return Map.of("redis.url", redis.url());
        }
        return Map.of("redis.url", "redis://127.0.0.1:" + redisClusterPort + "/0", "redis.clusterNodes", redisCluster.seeds());
    }

    /** The Redis Cluster (only {@link #onRedisCluster}). */
    public RedisClusterNodes redisCluster() {
        return redisCluster;
    }

    /** Each service connects as its own role, as in a deployment. */
    private Map<String, String> databaseSettings(ServiceRole service) {
        return tenantService.database().configFor(service);
    }

    private Map<String, String> tracingSettings() {
        return traces == null ? Map.of() : Map.of("tracing.enabled", "true", "tracing.endpoint", traces.endpoint(),
                "tracing.scheduleDelay", "100 milliseconds");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!shared) {
            stopAll(context);
        }
    }

    private void stopAll(ExtensionContext context) throws Exception {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        started.add(resource);
        return resource;
    }

    private <C extends io.dropwizard.core.Configuration> InProcessApp<C> starting(InProcessApp<C> app) {
        app.start();
        started.add(app::stop);
        return app;
    }

    /**
     * A port free right now. Another socket could take it before provisioning-service binds it, after
     * gates-runner's start-up: unlikely, and the start would then fail loudly, not wrongly.
     */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // --- what tests use ---------------------------------------------------------------------------

    public TestDatabase database() {
        return tenantService.database();
    }

    /** tenant-service's TENANT_ENCRYPTION_KEY (a secret no output may show). */
    public String encryptionKey() {
        return tenantService.encryptionKey();
    }

    /** The Redis database index the gateway and the worker share. */
    public TestRedis redis() {
        return redis;
    }

    /** The SDP simulator: each tenant gets an on-prem instance with its own API key and the simulator's own faults. */
    public SimulatorControl sdp() {
        return sdp;
    }

    /**
     * A simulator instance holding {@link #RESOLVED_REQUESTS} resolved requests with resolutions, as
     * a tenant's SDP with a past does: what onboarding imports into ticket_history before the gates,
     * and what gate 2 needs to prove anything (an empty context fails it).
     */
    public String sdpInstanceWithHistory(String name, String apiKey) {
        String url = sdp.createInstance(name, apiKey);
        sdp.seed(name, RESOLVED_REQUESTS, 1);
        return url;
    }

    public static final int RESOLVED_REQUESTS = 20;

    /** Waits until the tenant's ticket-history import (e.g. the one its onboarding started) has completed. */
    public void awaitTicketHistoryImported(String tenantId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "completed".equals(
                worker().get("/v1/tenants/" + tenantId + "/ticket-history/import", PROVISIONING).json().path("status").asText()));
    }

    /** Imports the tenant's resolved SDP requests through the worker's API (as onboarding does) and waits for it. */
    public void importTicketHistory(String tenantId) {
        JsonHttp worker = worker();
        JsonHttp.Reply started = worker.post("/v1/tenants/" + tenantId + "/ticket-history/import", PROVISIONING, "");
        if (started.status() != 202) {
            throw new IllegalStateException("import not started: " + started.status() + " " + started.body());
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            String status = worker.get("/v1/tenants/" + tenantId + "/ticket-history/import", PROVISIONING).json()
                    .path("status").asText();
            if ("failed".equals(status)) {
                throw new IllegalStateException("ticket-history import failed for " + tenantId);
            }
            return "completed".equals(status);
        });
    }

    /** fabric8's mock API server (cluster mode only). */
    public MockCluster cluster() {
        return cluster;
    }

    /** {@code KUBERNETES_MANIFESTS_DIR} (manifests mode only). */
    public Path manifestsDir() {
        return manifests;
    }

    /** Between provisioning-service and tenant-service. */
    public HttpProxy tenantServiceProxy() {
        return tenantServiceProxy;
    }

    /** Between provisioning-service and the worker (its ticket-history import). */
    public HttpProxy workerProxy() {
        return workerProxy;
    }

    public JsonHttp tenantService() {
        return new JsonHttp(tenantService.baseUrl());
    }

    public String tenantServiceUrl() {
        return tenantService.baseUrl();
    }

    public JsonHttp gatesRunner() {
        return new JsonHttp(gates.baseUrl());
    }

    public String gatesRunnerUrl() {
        return gates.baseUrl();
    }

    public JsonHttp gatesRunnerAdmin() {
        return new JsonHttp(gates.adminUrl());
    }

    public JsonHttp provisioning() {
        return new JsonHttp(provisioning.baseUrl());
    }

    public JsonHttp provisioningAdmin() {
        return new JsonHttp(provisioning.adminUrl());
    }

    public JsonHttp worker() {
        return new JsonHttp(worker.baseUrl());
    }

    /** Each running service's environment by module name, the SDP simulator's excluded (the access matrix reads their Jersey resources). */
    public Map<String, io.dropwizard.core.setup.Environment> environments() {
        Map<String, io.dropwizard.core.setup.Environment> environments = new LinkedHashMap<>();
        environments.put("tenant-service", tenantService.app().getEnvironment());
        environments.put("webhook-gateway", gateway.environment());
        environments.put("enhancement-worker", worker.environment());
        environments.put("gates-runner", gates.environment());
        environments.put("provisioning-service", provisioning.environment());
        return environments;
    }

    /** The application port of a service by module name (the names {@link #environments()} uses). */
    public JsonHttp api(String service) {
        return switch (service) {
            case "tenant-service" -> tenantService();
            case "webhook-gateway" -> gateway();
            case "enhancement-worker" -> worker();
            case "gates-runner" -> gatesRunner();
            case "provisioning-service" -> provisioning();
            default -> throw new IllegalArgumentException(service);
        };
    }

    public JsonHttp gateway() {
        return new JsonHttp(gateway.baseUrl());
    }

    /** Where SDP sends a tenant's webhooks. */
    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** The worker's admin port ({@code /metrics}). */
    public JsonHttp workerAdmin() {
        return new JsonHttp(worker.adminUrl());
    }

    /** Stops the gateway (a webhook to it is then refused at the connection); {@link #startGateway()} restarts it. */
    public void stopGateway() {
        gateway.stop();
    }

    public void startGateway() {
        if (!gateway.running()) {
            gateway.start();
        }
    }

    public GatesRunnerApplication gatesRunnerApplication() {
        return (GatesRunnerApplication) gates.application();
    }

    /** Stops the worker for real (server, queue consumer, pools); {@link #startWorker()} brings it back on its ports. */
    public void stopWorker() {
        worker.stop();
    }

    public void startWorker() {
        if (!worker.running()) {
            worker.start();
        }
    }

    /** Stops provisioning-service (as a restart or crash would, minus the crash); {@link #startProvisioning()} restarts it. */
    public void stopProvisioning() {
        provisioning.stop();
    }

    public void startProvisioning() {
        if (!provisioning.running()) {
            provisioning.start();
        }
    }

    /**
     * Another gates-runner on the same database, Redis and peers, with {@code extra} settings (e.g.
     * the revalidation schedule on); the caller stops it.
     */
    public InProcessApp<GatesRunnerConfiguration> anotherGatesRunner(Map<String, String> extra) {
        InProcessApp<GatesRunnerConfiguration> another = new InProcessApp<>(GatesRunnerApplication.class,
                GatesRunnerApplication::new, "platform/gates-runner.yml", "gates-extra")
                .setAll(gatesRunnerSettings())
                .setAll(extra);
        another.start();
        return another;
    }

    /** operator-console's config overrides: every service of this platform, by its application URL. */
    public Map<String, String> operatorConsoleSettings() {
        return Map.of("services.tenantServiceUrl", tenantService.baseUrl(),
                "services.webhookGatewayUrl", gateway.baseUrl(),
                "services.enhancementWorkerUrl", worker.baseUrl(),
                "services.provisioningServiceUrl", provisioning.baseUrl(),
                "services.gatesRunnerUrl", gates.baseUrl());
    }
}
