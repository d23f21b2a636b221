package com.aiagents.platform.gateway.bench;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import com.aiagents.platform.testing.RedisSentinelNodes;
import com.aiagents.platform.testing.TestRedis;
import com.aiagents.platform.testing.otlp.OtlpReceiver;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Sustained accepted webhooks per second through the whole pipeline (lookup, HMAC, rate limit,
 * parse, dedup+enqueue) versus the no-op endpoint on the same server, the same pipeline on a second
 * gateway with tracing on (docs/tracing.md), plus redis-benchmark's LPUSH on the same Redis. Not a
 * test: run by the {@code bench} profile (docs/benchmarks.md). Loopback only, about a minute and a
 * half. Writes {@code <out>/results.md}.
 */
public final class GatewayBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayBenchmark.class);
    private static final int TENANTS = 16;
    private static final int BODY_BYTES = 2048;
    private static final int SLICES = 8;
    /** Where the traced gateway's sequence numbers start: far from the untraced one's, so no body repeats. */
    private static final long TRACED_SEQUENCES = 1L << 60;
    private static final int SPANS_PER_WEBHOOK = 4;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path configYml = Path.of(args.length > 0 ? args[0] : "config.yml");
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
        int connections = Integer.getInteger("bench.connections", 16);
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 15));
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 8));
        Files.createDirectories(out);

        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < TENANTS; i++) {
            secrets.put(String.format(Locale.ROOT, "bench-%02d", i), randomHex());
        }
        List<String> tenants = List.copyOf(secrets.keySet());
        try (TestRedis redis = TestRedis.claim(); BenchTenantRegistry registry = new BenchTenantRegistry(secrets);
                OtlpReceiver collector = OtlpReceiver.startCounting()) {
            DropwizardTestSupport<WebhookGatewayConfiguration> app = gateway("bench.", configYml, out, redis, registry, Map.of());
            // A second gateway, identical but for tracing: on, at the config's sampling ratio, exporting
            // over OTLP/HTTP to an in-process collector that only counts (as Jaeger would be, elsewhere).
            DropwizardTestSupport<WebhookGatewayConfiguration> traced = gateway("bench-traced.", configYml, out, redis,
                    registry, Map.of("tracing.enabled", "true", "tracing.endpoint", collector.endpoint()));
            app.before();
            try {
                traced.before();
                double samplingRatio = traced.getConfiguration().getTracing().getSamplingRatio();
                Measured measured;
                double exporterCpu;
                double collectorCpu;
                try {
                    measured = measure(app.getLocalPort(), traced.getLocalPort(), new CpuMeter(redis), connections, warmup,
                            measure, tenants, secrets);
                    exporterCpu = cpuSeconds("BatchSpanProcessor", "okhttp-dispatch");
                    collectorCpu = cpuSeconds("otlp-receiver");
                } finally {
                    traced.after(); // flushes the spans still buffered
                }
                Tracing tracing = new Tracing(samplingRatio, collector.spanCount(), measured.tracedRequests(),
                        measured.tracedSeconds(), exporterCpu, collectorCpu);
                RedisBenchmark.Result lpush = RedisBenchmark.lpush(redis.host(), redis.port(), redis.database(), 200_000, BODY_BYTES);
                long queued;
                try (Jedis jedis = redis.connect()) {
                    queued = jedis.llen(QueueNames.INGRESS);
                }
                String report = report(connections, measure, measured, tracing, lpush, queued)
                        + replicaWait(configYml, out, redis, registry, connections, warmup, measure, tenants, secrets);
                Files.writeString(out.resolve("results.md"), report);
                LOG.warn("benchmark results (also in {}):\n{}", out.resolve("results.md"), report);
            } finally {
                app.after();
            }
        }
    }

    /** The three measurements, how many requests were accepted in total, and the traced gateway's load (warm-up included). */
    private record Measured(LoadRun.Result noop, LoadRun.Result webhook, LoadRun.Result tracedWebhook, long accepted,
                            long tracedRequests, double tracedSeconds) {
    }

    /**
     * Tracing's side of the run: the sampling ratio, spans the collector received for the requests
     * sent to the traced gateway in {@code seconds}, and the CPU seconds of the exporter's threads
     * and of the in-process collector (which in production runs elsewhere).
     */
    private record Tracing(double samplingRatio, long spans, long requests, double seconds, double exporterCpu,
                           double collectorCpu) {
    }

    private static Measured measure(int port, int tracedPort, CpuMeter meter, int connections, Duration warmup,
            Duration measure, List<String> tenants, Map<String, String> secrets) throws Exception {
        LoadRun.RequestFactory noop = (c, seq) -> signed("/webhook/noop", tenants.get(c % TENANTS), secrets, c, seq);
        LoadRun.RequestFactory webhook = (c, seq) -> {
            String tenant = tenants.get(c % TENANTS);
            return signed("/webhook/servicedesk?tenant_id=" + tenant, tenant, secrets, c, seq);
        };
        // Its own range of sequence numbers: both gateways share Redis, and dedup must never merge them.
        LoadRun.RequestFactory tracedWebhook = (c, seq) -> webhook.next(c, TRACED_SEQUENCES + seq);
        // Warm all paths (JIT, pools, the tenant cache) before measuring any. 15 s each: with 4 s, C2
        // was still compiling during the measurement (a third of all CPU samples), which slowed both
        // endpoints and flattered the ratio.
        LoadRun.run("warm-up noop", port, connections, warmup, 202, (c, seq) -> noop.next(c, -1 - seq));
        LoadRun.Result warm = LoadRun.run("warm-up webhook", port, connections, warmup, 202,
                (c, seq) -> webhook.next(c, -1 - seq));
        LoadRun.Result warmTraced = LoadRun.run("warm-up traced webhook", tracedPort, connections, warmup, 202,
                (c, seq) -> tracedWebhook.next(c, -1 - seq));
        // Alternate short slices of each so that load from other processes on this shared machine
        // hits all measurements alike; the ratios are what the targets are about.
        List<LoadRun.Result> noopSlices = new ArrayList<>();
        List<LoadRun.Result> webhookSlices = new ArrayList<>();
        List<LoadRun.Result> tracedSlices = new ArrayList<>();
        CpuMeter.Sample noopCpu = new CpuMeter.Sample(0, 0);
        CpuMeter.Sample webhookCpu = new CpuMeter.Sample(0, 0);
        CpuMeter.Sample tracedCpu = new CpuMeter.Sample(0, 0);
        Duration slice = measure.dividedBy(SLICES);
        for (int round = 0; round < SLICES; round++) {
            long offset = (long) round << 32;
            CpuMeter.Sample start = meter.sample();
            noopSlices.add(LoadRun.run("noop", port, connections, slice, 202, (c, seq) -> noop.next(c, offset + seq)));
            CpuMeter.Sample afterNoop = meter.sample();
            webhookSlices.add(LoadRun.run("webhook", port, connections, slice, 202, (c, seq) -> webhook.next(c, offset + seq)));
            CpuMeter.Sample afterWebhook = meter.sample();
            tracedSlices.add(LoadRun.run("traced webhook", tracedPort, connections, slice, 202,
                    (c, seq) -> tracedWebhook.next(c, offset + seq)));
            noopCpu = noopCpu.plus(afterNoop.minus(start));
            webhookCpu = webhookCpu.plus(afterWebhook.minus(afterNoop));
            tracedCpu = tracedCpu.plus(meter.sample().minus(afterWebhook));
        }
        LoadRun.Result webhookResult = LoadRun.Result.combine("POST /webhook/servicedesk", webhookSlices).withCpu(webhookCpu);
        LoadRun.Result tracedResult = LoadRun.Result.combine("POST /webhook/servicedesk, tracing on", tracedSlices)
                .withCpu(tracedCpu);
        long accepted = accepted(warm) + accepted(webhookResult) + accepted(warmTraced) + accepted(tracedResult);
        return new Measured(LoadRun.Result.combine("POST /webhook/noop", noopSlices).withCpu(noopCpu), webhookResult,
                tracedResult, accepted, warmTraced.requests() + tracedResult.requests(),
                warmTraced.seconds() + tracedResult.seconds());
    }

    /**
     * What {@code REDIS_WAIT_REPLICAS=1} costs (docs/queue.md): two more gateways on a private primary
     * with one replica (ports 7130-7134, the replica's sentinels idle), one answering right after the
     * admission script (the baseline, same Redis), one after {@code WAIT 1}; alternating slices.
     */
    private static String replicaWait(Path configYml, Path out, TestRedis redis, BenchTenantRegistry registry,
            int connections, Duration warmup, Duration measure, List<String> tenants, Map<String, String> secrets)
            throws Exception {
        try (RedisSentinelNodes replicated = RedisSentinelNodes.start(7130)) {
            String url = "redis://127.0.0.1:7130/0";
            DropwizardTestSupport<WebhookGatewayConfiguration> plain = gateway("bench-replicated.", configYml, out, redis,
                    registry, Map.of("redis.url", url));
            DropwizardTestSupport<WebhookGatewayConfiguration> waiting = gateway("bench-wait.", configYml, out, redis,
                    registry, Map.of("redis.url", url, "redis.waitReplicas", "1", "redis.waitTimeout", "100 milliseconds"));
            plain.before();
            waiting.before();
            try {
                LoadRun.RequestFactory webhook = (c, seq) -> {
                    String tenant = tenants.get(c % TENANTS);
                    return signed("/webhook/servicedesk?tenant_id=" + tenant, tenant, secrets, c, seq);
                };
                long waitSequences = 2 * TRACED_SEQUENCES;
                Duration shortWarmup = warmup.dividedBy(3);
                LoadRun.run("warm-up replicated", plain.getLocalPort(), connections, shortWarmup, 202,
                        (c, seq) -> webhook.next(c, -1 - seq));
                LoadRun.run("warm-up wait", waiting.getLocalPort(), connections, shortWarmup, 202,
                        (c, seq) -> webhook.next(c, waitSequences - 1 - seq));
                List<LoadRun.Result> plainSlices = new ArrayList<>();
                List<LoadRun.Result> waitSlices = new ArrayList<>();
                Duration slice = measure.dividedBy(SLICES);
                for (int round = 0; round < SLICES; round++) {
                    long offset = (long) round << 32;
                    plainSlices.add(LoadRun.run("replicated", plain.getLocalPort(), connections, slice, 202,
                            (c, seq) -> webhook.next(c, offset + seq)));
                    waitSlices.add(LoadRun.run("wait", waiting.getLocalPort(), connections, slice, 202,
                            (c, seq) -> webhook.next(c, waitSequences + offset + seq)));
                }
                LoadRun.Result without = LoadRun.Result.combine("primary + 1 replica, no wait", plainSlices);
                LoadRun.Result with = LoadRun.Result.combine("primary + 1 replica, WAIT 1 (100 ms)", waitSlices);
                StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                        "%n### REDIS_WAIT_REPLICAS%n%n| what | requests | non-202 | per second | p50 ms | p99 ms |%n|---|---|---|---|---|---|%n"));
                for (LoadRun.Result r : List.of(without, with)) {
                    text.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f |%n", r.name(), r.requests(),
                            r.unexpected(), r.perSecond(), r.p50Millis(), r.p99Millis()));
                }
                text.append(String.format(Locale.ROOT, "%nWAIT 1 / no wait throughput: %.0f%%%n",
                        100 * with.perSecond() / without.perSecond()));
                return text.toString();
            } finally {
                waiting.after();
                plain.after();
            }
        }
    }

    /** CPU seconds used so far by the live threads whose name contains one of {@code nameParts}. */
    private static double cpuSeconds(String... nameParts) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && Arrays.stream(nameParts).anyMatch(info.getThreadName()::contains)) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static long accepted(LoadRun.Result result) {
        return result.requests() - result.unexpected();
    }

    /** The gateway from {@code configYml} with the bench's overrides under the system-property prefix {@code p}. */
    private static DropwizardTestSupport<WebhookGatewayConfiguration> gateway(String p, Path configYml, Path out,
            TestRedis redis, BenchTenantRegistry registry, Map<String, String> settings) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(p, "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config(p, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(p, "redis.url", redis.url()),
                ConfigOverride.config(p, "tenantService.url", registry.url()),
                ConfigOverride.config(p, "tenantService.serviceToken", BenchTenantRegistry.SERVICE_TOKEN),
                // Per-request INFO logs stay on (as in production) but go to a file, not the terminal.
                // (Logging is one per JVM: both gateways write to it.)
                ConfigOverride.config(p, "logging.appenders[0].type", "file"),
                ConfigOverride.config(p, "logging.appenders[0].currentLogFilename", out.resolve("gateway.log").toString()),
                ConfigOverride.config(p, "logging.appenders[0].archive", "false"),
                ConfigOverride.config(p, "logging.level", System.getProperty("bench.logLevel", "INFO"))));
        settings.forEach((key, value) -> overrides.add(ConfigOverride.config(p, key, value)));
        return new DropwizardTestSupport<>(WebhookGatewayApplication.class, configYml.toString(), p,
                overrides.toArray(ConfigOverride[]::new));
    }

    /** A distinct ~2 KiB SDP-style payload per request (so dedup never short-circuits), HMAC-signed. */
    private static LoadRun.Request signed(String path, String tenant, Map<String, String> secrets, int connection, long sequence) {
        String head = "{\"ticket_id\":\"BENCH-" + connection + "-" + sequence + "\",\"event\":\"request_created\","
                + "\"subject\":\"Outlook keeps asking for the password\",\"priority\":\"High\",\"status\":\"Open\","
                + "\"requester_email\":\"jo@acme.example\",\"created_at\":\"" + Instant.EPOCH + "\",\"description\":\"";
        String tail = "\"}";
        String filler = "Users on the third floor report repeated password prompts since the update. "
                .repeat(BODY_BYTES / 70 + 1).substring(0, BODY_BYTES - head.length() - tail.length());
        byte[] body = (head + filler + tail).getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignatures.hmacSha256Hex(secrets.get(tenant), body);
        return new LoadRun.Request(path, "X-ServiceDesk-Signature: " + signature + "\r\n", body);
    }

    private static String report(int connections, Duration measure, Measured measured, Tracing tracing,
            RedisBenchmark.Result lpush, long queued) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d keep-alive connections, %d s per endpoint in %d alternating slices, "
                + "%d-byte signed bodies, %d tenants%n%n", connections, measure.toSeconds(), SLICES, BODY_BYTES, TENANTS));
        text.append("| what | requests | non-202 | per second | p50 ms | p99 ms | CPU µs/request: JVM | redis-server |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadRun.Result r : List.of(measured.noop(), measured.webhook(), measured.tracedWebhook())) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %.0f | %.0f |%n",
                    r.name(), r.requests(), r.unexpected(), r.perSecond(), r.p50Millis(), r.p99Millis(),
                    r.jvmCpuMicrosPerRequest(), r.redisCpuMicrosPerRequest()));
        }
        text.append(String.format(Locale.ROOT, "| redis-benchmark LPUSH (%d B) | 200000 | - | %.0f | %s | - | - | - |%n",
                BODY_BYTES, lpush.perSecond(), lpush.p50Millis() == null ? "-" : lpush.p50Millis()));
        text.append("\nCPU µs/request: CPU time of this JVM (gateway and load generator together; with tracing on also "
                + "the exporter and the in-process collector) and of redis-server during that endpoint's slices, "
                + "divided by its requests.\n");
        text.append(String.format(Locale.ROOT, "%nwebhook / noop throughput: %.0f%%%n",
                100.0 * measured.webhook().perSecond() / measured.noop().perSecond()));
        text.append(String.format(Locale.ROOT, "tracing on / off webhook throughput: %.0f%%, JVM CPU per request: %.0f%% "
                        + "(sampling ratio %s); spans received by the collector: %d for %d traced requests (%.2f per request, "
                        + "%d expected: server, webhook_received, signature_validation, job_queued; fewer = dropped or "
                        + "unsampled)%n",
                100.0 * measured.tracedWebhook().perSecond() / measured.webhook().perSecond(),
                100.0 * measured.tracedWebhook().jvmCpuMicrosPerRequest() / measured.webhook().jvmCpuMicrosPerRequest(),
                tracing.samplingRatio(),
                tracing.spans(), tracing.requests(), (double) tracing.spans() / Math.max(1, tracing.requests()),
                SPANS_PER_WEBHOOK));
        text.append(String.format(Locale.ROOT, "tracing's own threads over the traced gateway's %.1f s of load: exporter "
                        + "(batching, protobuf, HTTP) %.2f s CPU, in-process collector (decoding) %.2f s CPU%n",
                tracing.seconds(), tracing.exporterCpu(), tracing.collectorCpu()));
        text.append(String.format(Locale.ROOT, "accepted (202) during warm-up and measurement: %d; jobs on %s: %d%n",
                measured.accepted(), QueueNames.INGRESS, queued));
        text.append("redis-benchmark: `").append(lpush.command()).append("`\n");
        text.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average at the end ")
                .append(loadAverage()).append(" (other processes compete for the same cores)\n");
        return text.toString();
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
