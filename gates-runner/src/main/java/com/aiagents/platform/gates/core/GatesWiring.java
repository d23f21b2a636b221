package com.aiagents.platform.gates.core;

import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.redis.RedisEndpoint;
import com.aiagents.platform.common.tls.TrustedCa;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.gates.GatesSettings;
import com.aiagents.platform.gates.ServicesSettings;
import com.aiagents.platform.gates.db.GateRunStore;
import com.aiagents.platform.gates.db.RuntimeRoleConnections;
import com.aiagents.platform.gates.db.TenantChecks;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.net.NetworkGuards;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds the four gates and their runner from the configuration, for the server and for the
 * {@code validate} command alike. {@link #close()} releases what the runner holds besides the
 * database pool (which the environment's lifecycle owns).
 */
public final class GatesWiring implements AutoCloseable {
    private final GateRunner runner;
    private final PlatformServices services;
    private final GateMetrics metrics;
    private final UnifiedJedis redis;
    private final SdpClientFactory sdp;
    private final OkHttpClient http;
    private final ExecutorService executor;

    private GatesWiring(GateRunner runner, PlatformServices services, GateMetrics metrics, UnifiedJedis redis,
                        SdpClientFactory sdp, OkHttpClient http, ExecutorService executor) {
        this.runner = runner;
        this.services = services;
        this.metrics = metrics;
        this.redis = redis;
        this.sdp = sdp;
        this.http = http;
        this.executor = executor;
    }

    /** @param tracing the service's tracing: every outgoing call carries traceparent, each run and gate is a span */
    public static GatesWiring build(GatesRunnerConfiguration config, Environment environment, CollectorRegistry registry,
                                    PlatformTracing tracing) {
        Clock clock = Clock.systemUTC();
        var json = environment.getObjectMapper();
        ServicesSettings peers = config.getServices();
        String ownToken = PlatformService.GATES.requireOwnToken(peers.getServiceToken());
        GatesSettings settings = config.getGates();
        Duration callTimeout = peers.getCallTimeout().toJavaDuration();
        // untraced, for the health checks (a probe every few seconds must not export traces);
        // the gates' calls share its connection pool and carry traceparent
        OkHttpClient untraced = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(callTimeout)
                .callTimeout(callTimeout)
                .build();
        OkHttpClient http = untraced.newBuilder().addInterceptor(tracing.clientInterceptor()).build();
        // the peers (tenant-service hands over decrypted SDP credentials) are checked against the
        // platform's CA when one is configured; SDP calls keep the JVM's public CAs
        TrustedCa.requireHttpsWhenTrusting(peers.getTenantServiceUrl(), peers.getTlsCaFile(), "TENANT_SERVICE_URL");
        OkHttpClient peerHttp = TrustedCa.trustOnly(http.newBuilder(), peers.getTlsCaFile()).build();
        PlatformServices services = new PlatformServices(new PeerHttp(peerHttp, json), json, peers.getTenantServiceUrl(),
                peers.getEnhancementWorkerUrl(), peers.getProvisioningServiceUrl(), peers.getWebhookGatewayUrl(),
                ownToken);
        TenantDatabase database = TenantDatabase.build(environment, config.getDatabase());
        TenantChecks checks = new TenantChecks(database);
        SdpClientFactory sdp = new SdpClientFactory(SdpClientConfig.builder()
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(20))
                .retry(2, Duration.ofMillis(200), Duration.ofSeconds(1))
                .userAgent("ai-agents-platform-gates-runner")
                .allowPrivateNetworks(config.getSdp().isAllowPrivateNetworks())
                .build(), http);
        Duration redisTimeout = Duration.ofSeconds(2);
        UnifiedJedis redis = config.getRedis().open(new RedisEndpoint.Limits(8, redisTimeout, redisTimeout, redisTimeout));
        GateMetrics metrics = new GateMetrics(registry);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gate-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        var db = config.getDatabase();
        List<Gate> gates = List.of(
                new RlsGate(new RuntimeRoleConnections(db.getUrl(), db.getUser(), db.getPassword())),
                new DeterminismGate(services, settings.getDeterminismRuns(), settings.getDeterminismSeed()),
                new GoldenPathGate(services, sdp, checks, json, clock, settings.getGoldenPathTimeout().toJavaDuration(),
                        settings.getPollInterval().toJavaDuration()),
                new IntegrationsGate(services, sdp, checks, redis, config.getLlm(), new TenantLlmCheck(
                        NetworkGuards.guarded(http.newBuilder().callTimeout(Duration.ofSeconds(20)).build(), Dns.SYSTEM,
                                new NetworkPolicy(config.getSdp().isAllowPrivateNetworks(), List.of())), json), clock));
        GateRunner runner = new GateRunner(gates, services, new GateRunStore(database, json), metrics, executor,
                settings.getTimeout().toJavaDuration(), clock, tracing, new ReplicaLocks(redis));
        return new GatesWiring(runner, services, metrics, redis, sdp, untraced, executor);
    }

    public GateRunner runner() {
        return runner;
    }

    public PlatformServices services() {
        return services;
    }

    public GateMetrics metrics() {
        return metrics;
    }

    public UnifiedJedis redis() {
        return redis;
    }

    /** The HTTP client without the tracing interceptor (same pool and dispatcher), for health checks. */
    public OkHttpClient untracedHttp() {
        return http;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        sdp.close();
        redis.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
