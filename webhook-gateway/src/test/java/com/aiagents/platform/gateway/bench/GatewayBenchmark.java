package com.aiagents.platform.gateway.bench;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import com.aiagents.platform.testing.TestRedis;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * parse, dedup+enqueue) versus the no-op endpoint on the same server, plus redis-benchmark's
 * LPUSH on the same Redis. Not a test: run by the {@code bench} profile (docs/benchmarks.md).
 * Loopback only, bounded to well under a minute. Writes {@code <out>/results.md}.
 */
public final class GatewayBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayBenchmark.class);
    private static final int TENANTS = 16;
    private static final int BODY_BYTES = 2048;
    private static final int SLICES = 8;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path configYml = Path.of(args.length > 0 ? args[0] : "config.yml");
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
        int connections = Integer.getInteger("bench.connections", 16);
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 4));
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 8));
        Files.createDirectories(out);

        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < TENANTS; i++) {
            secrets.put(String.format(Locale.ROOT, "bench-%02d", i), randomHex());
        }
        List<String> tenants = List.copyOf(secrets.keySet());
        try (TestRedis redis = TestRedis.claim(); BenchTenantRegistry registry = new BenchTenantRegistry(secrets)) {
            DropwizardTestSupport<WebhookGatewayConfiguration> app = gateway(configYml, out, redis, registry);
            app.before();
            try {
                int port = app.getLocalPort();
                LoadRun.RequestFactory noop = (c, seq) -> signed("/webhook/noop", tenants.get(c % TENANTS), secrets, c, seq);
                LoadRun.RequestFactory webhook = (c, seq) -> {
                    String tenant = tenants.get(c % TENANTS);
                    return signed("/webhook/servicedesk?tenant_id=" + tenant, tenant, secrets, c, seq);
                };
                // Warm both paths (JIT, pools, the tenant cache) before measuring either.
                LoadRun.run("warm-up noop", port, connections, warmup, 202, (c, seq) -> noop.next(c, -1 - seq));
                LoadRun.Result warm = LoadRun.run("warm-up webhook", port, connections, warmup, 202,
                        (c, seq) -> webhook.next(c, -1 - seq));
                // Alternate short slices of both so that load from other processes on this shared
                // machine hits both measurements alike; the ratio is what the target is about.
                List<LoadRun.Result> noopSlices = new ArrayList<>();
                List<LoadRun.Result> webhookSlices = new ArrayList<>();
                Duration slice = measure.dividedBy(SLICES);
                for (int round = 0; round < SLICES; round++) {
                    long offset = (long) round << 32;
                    noopSlices.add(LoadRun.run("noop", port, connections, slice, 202, (c, seq) -> noop.next(c, offset + seq)));
                    webhookSlices.add(LoadRun.run("webhook", port, connections, slice, 202, (c, seq) -> webhook.next(c, offset + seq)));
                }
                LoadRun.Result noopResult = LoadRun.Result.combine("POST /webhook/noop", noopSlices);
                LoadRun.Result webhookResult = LoadRun.Result.combine("POST /webhook/servicedesk", webhookSlices);
                RedisBenchmark.Result lpush = RedisBenchmark.lpush(redis.host(), redis.port(), redis.database(), 200_000, BODY_BYTES);
                long queued;
                try (Jedis jedis = redis.connect()) {
                    queued = jedis.llen(QueueNames.INGRESS);
                }
                long accepted = warm.requests() - warm.unexpected() + webhookResult.requests() - webhookResult.unexpected();
                String report = report(connections, measure, noopResult, webhookResult, lpush, accepted, queued);
                Files.writeString(out.resolve("results.md"), report);
                LOG.warn("benchmark results (also in {}):\n{}", out.resolve("results.md"), report);
            } finally {
                app.after();
            }
        }
    }

    private static DropwizardTestSupport<WebhookGatewayConfiguration> gateway(Path configYml, Path out, TestRedis redis,
            BenchTenantRegistry registry) {
        String p = "bench.";
        return new DropwizardTestSupport<>(WebhookGatewayApplication.class, configYml.toString(), p,
                ConfigOverride.config(p, "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config(p, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(p, "redis.url", redis.url()),
                ConfigOverride.config(p, "tenantService.url", registry.url()),
                ConfigOverride.config(p, "tenantService.serviceToken", BenchTenantRegistry.SERVICE_TOKEN),
                // Per-request INFO logs stay on (as in production) but go to a file, not the terminal.
                ConfigOverride.config(p, "logging.appenders[0].type", "file"),
                ConfigOverride.config(p, "logging.appenders[0].currentLogFilename", out.resolve("gateway.log").toString()),
                ConfigOverride.config(p, "logging.appenders[0].archive", "false"),
                ConfigOverride.config(p, "logging.level", System.getProperty("bench.logLevel", "INFO")));
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

    private static String report(int connections, Duration measure, LoadRun.Result noop, LoadRun.Result webhook,
            RedisBenchmark.Result lpush, long accepted, long queued) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d keep-alive connections, %d s per endpoint in %d alternating slices, "
                + "%d-byte signed bodies, %d tenants%n%n", connections, measure.toSeconds(), SLICES, BODY_BYTES, TENANTS));
        text.append("| what | requests | non-202 | per second | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (LoadRun.Result r : List.of(noop, webhook)) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f |%n",
                    r.name(), r.requests(), r.unexpected(), r.perSecond(), r.p50Millis(), r.p99Millis()));
        }
        text.append(String.format(Locale.ROOT, "| redis-benchmark LPUSH (%d B) | 200000 | - | %.0f | %s | - |%n",
                BODY_BYTES, lpush.perSecond(), lpush.p50Millis() == null ? "-" : lpush.p50Millis()));
        text.append(String.format(Locale.ROOT, "%nwebhook / noop throughput: %.0f%%%n", 100.0 * webhook.perSecond() / noop.perSecond()));
        text.append(String.format(Locale.ROOT, "accepted (202) during warm-up and measurement: %d; jobs on %s: %d%n",
                accepted, QueueNames.INGRESS, queued));
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
