package com.aiagents.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.GatewayClient;
import com.aiagents.platform.gateway.support.LogCapture;
import com.aiagents.platform.gateway.support.RawHttp;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import com.aiagents.platform.testing.TestRedisExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * 10,000+ generated malformed deliveries (seeded, so a failure can be replayed): random bytes,
 * truncated and hostile JSON, wrong content types, odd tenant ids, header injection, oversize.
 * None may get a 5xx, and no job may be enqueued: none of them is a well-formed signed payload.
 */
class MalformedRequestsTest {
    private static final long SEED = 20_260_301L;
    private static final String TENANT = "fuzz-target";
    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz", "application/json; charset=utf-16", "application/xml", "a/b/c", "*/*",
        "application/octet-stream", "application/json; charset=\u00e9"};

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final TestRedisExtension redis = new TestRedisExtension();

    @RegisterExtension
    @Order(2)
    // This test is about input, not timeouts: a GC pause or a starved Redis on a busy CI machine
    // must not turn one of 10,000 requests into a 503.
    static final DropwizardAppExtension<WebhookGatewayConfiguration> app = GatewayApps.gateway("fuzz",
            () -> redis.get().url(), registry, Map.of("redis.commandTimeout", "10 seconds", "redis.borrowTimeout", "5 seconds",
                    "tenantService.readTimeout", "10 seconds", "tenantService.callTimeout", "15 seconds"));

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> statusCounts = new TreeMap<>();
    private String secret;
    private GatewayClient client;

    @Test
    void tenThousandMalformedRequestsGetNo5xxAndEnqueueNothing() {
        secret = registry.create(TENANT, WebhookAuthMode.HMAC, Tier.BASIC, 100_000);
        int sent = 0;
        try (LogCapture logs = new LogCapture(); GatewayClient http = new GatewayClient(app.getLocalPort())) {
            client = http;
            for (int i = 0; i < 2_500; i++) {
                sent += unsignedOrForged();
                sent += signedButMalformedJson();
                sent += oddTenantId();
                sent += wrongContentType();
                sent += i % 10 == 0 ? headerInjection() : 0;
                sent += i % 100 == 0 ? oversize() : 0;
            }
            assertThat(logs.events()).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        }

        assertThat(sent).isGreaterThanOrEqualTo(10_000);
        assertThat(statusCounts.keySet()).as("statuses seen (seed %d): %s", SEED, statusCounts).allMatch(s -> s >= 400 && s < 500);
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).as("jobs enqueued").isZero();
        }
    }

    /** Random bytes with no, a forged, or a mangled signature. */
    private int unsignedOrForged() {
        byte[] body = randomBytes(random.nextInt(4096));
        Headers.Builder headers = new Headers.Builder();
        switch (random.nextInt(5)) {
            case 0 -> { }
            case 1 -> headers.add("X-ServiceDesk-Signature", hex(randomBytes(32)));
            case 2 -> headers.add("X-SDP-Signature", "sha256=" + WebhookSignatures.hmacSha256Hex("guess", body));
            case 3 -> headers.addUnsafeNonAscii("X-ServiceDesk-Signature", new String(randomBytes(40), StandardCharsets.ISO_8859_1)
                    .replaceAll("[\\r\\n\\x00]", "x"));
            default -> headers.add("X-Webhook-Token", secret.substring(0, 63));
        }
        return send(webhook(TENANT), body, "application/json", headers.build());
    }

    /** Correctly signed, so only the JSON checks stand between it and the queue. */
    private int signedButMalformedJson() {
        byte[] body = malformedJson().getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("X-ServiceDesk-Signature", WebhookSignatures.hmacSha256Hex(secret, body));
        return send(webhook(TENANT), body, "application/json", headers);
    }

    private String malformedJson() {
        String valid = "{\"ticket_id\":\"TKT-" + random.nextInt(1_000_000) + "\",\"subject\":\"s\u00e9\",\"event\":\"request_created\"}";
        return switch (random.nextInt(10)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length() - 1));
            // Over 64 digits: a shorter number is a valid ticket id.
            case 1 -> "{\"ticket_id\":" + "9".repeat(65 + random.nextInt(5000)) + "}";
            case 2 -> "{\"ticket_id\":1e" + random.nextInt(100000) + "}";
            case 3 -> "[".repeat(1 + random.nextInt(3000)) + "]".repeat(random.nextInt(3000));
            case 4 -> "{\"request\":{\"id\":\"" + "x".repeat(65 + random.nextInt(100)) + "\"}}";
            case 5 -> "{\"ticket_id\":\"TKT-1\\n\\u0000" + random.nextInt() + "\"}";
            case 6 -> "{\"ticket_id\":\"TKT-1\",\"event\":\"" + random.nextInt() + "\"}";
            case 7 -> new String(randomBytes(200), StandardCharsets.ISO_8859_1);
            case 8 -> random.nextBoolean() ? "null" : "\"" + random.nextInt() + "\"";
            default -> valid + "}" + random.nextInt(10);
        };
    }

    /** Tenant ids the format rejects or nobody registered, with a valid-looking delivery. */
    private int oddTenantId() {
        String[] odd = {"ACME", "acme corp", "-acme", "acme-", "a".repeat(51), "\u00e4cme", "\u0430cme", "acme\u0000",
            "../../etc/passwd", "acme%0d%0aX-Injected: 1", "dead", "' OR 1=1 --", "", "\ud83d\ude00",
            "unknown-" + random.nextInt(300)};
        String tenant = odd[random.nextInt(odd.length)];
        byte[] body = ("{\"ticket_id\":\"TKT-" + random.nextInt() + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpUrl url = HttpUrl.get("http://127.0.0.1:" + app.getLocalPort() + "/webhook/servicedesk").newBuilder()
                .addQueryParameter("tenant_id", tenant).build();
        return send(url, body, "application/json", Headers.of("X-ServiceDesk-Signature", WebhookSignatures.hmacSha256Hex(secret, body)));
    }

    private int wrongContentType() {
        byte[] body = random.nextBoolean() ? "ticket_id=TKT-1&event=request_created".getBytes(StandardCharsets.US_ASCII)
                : randomBytes(random.nextInt(512));
        Headers headers = random.nextBoolean() ? Headers.of() : Headers.of("X-ServiceDesk-Signature", hex(randomBytes(32)));
        return send(webhook(TENANT), body, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], headers);
    }

    /** What a well-behaved client cannot send: CR/LF in values, raw bytes, bad encodings, huge headers. */
    private int headerInjection() {
        String signature = WebhookSignatures.hmacSha256Hex(secret, "{}".getBytes(StandardCharsets.US_ASCII));
        String[][] heads = {
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + " HTTP/1.1", "X-ServiceDesk-Signature: " + signature + "\rX-Injected: 1"},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + "%0d%0aX-Injected:%201 HTTP/1.1", "X-SDP-Signature: " + signature},
            {"POST /webhook/servicedesk?tenant_id=%zz HTTP/1.1", "X-ServiceDesk-Signature: " + signature},
            {"POST /webhook/servicedesk?tenant_id=%C0%AF HTTP/1.1", "X-ServiceDesk-Signature: \u00ff\u00fe"},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + " HTTP/1.1", "X-ServiceDesk-Signature: " + "a".repeat(20_000)},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + "&tenant_id=other HTTP/1.1", "X-ServiceDesk-Signature: " + signature},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + " HTTP/1.1", "X-ServiceDesk-Signature: " + signature,
                "X-ServiceDesk-Signature: " + signature},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + " HTTP/1.1", "Content-Length: -5"},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + " HTTP/1.1", "Content-Length: 2", "Content-Length: 3"},
            {"POST /webhook/servicedesk?tenant_id=" + TENANT + " HTTP/1.1", "Transfer-Encoding: chunked, gzip"},
        };
        String[] chosen = heads[random.nextInt(heads.length)];
        String[] headers = new String[chosen.length];
        headers[0] = "Content-Type: application/json";
        System.arraycopy(chosen, 1, headers, 1, chosen.length - 1);
        boolean declaresLength = String.join("", headers).contains("Content-Length") || String.join("", headers).contains("Transfer-Encoding");
        if (!declaresLength) {
            headers = append(headers, "Content-Length: 2");
        }
        int status = RawHttp.exchange(app.getLocalPort(), RawHttp.head(chosen[0], headers), "{}".getBytes(StandardCharsets.US_ASCII), false);
        count(status == -1 ? 400 : status);
        return 1;
    }

    private int oversize() {
        byte[] body = new byte[1024 * 1024 + 1 + random.nextInt(1024)];
        return send(webhook(TENANT), body, "application/json", Headers.of("X-ServiceDesk-Signature", hex(randomBytes(32))));
    }

    private int send(HttpUrl url, byte[] body, String contentType, Headers headers) {
        Request request = new Request.Builder().url(url).headers(headers)
                .post(RequestBody.create(body, MediaType.parse(contentType))).build();
        count(client.send(request).code());
        return 1;
    }

    private HttpUrl webhook(String tenant) {
        return HttpUrl.get("http://127.0.0.1:" + app.getLocalPort() + "/webhook/servicedesk?tenant_id=" + tenant);
    }

    private void count(int status) {
        statusCounts.merge(status, 1, Integer::sum);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static String[] append(String[] values, String value) {
        List<String> list = new ArrayList<>(List.of(values));
        list.add(value);
        return list.toArray(String[]::new);
    }
}
