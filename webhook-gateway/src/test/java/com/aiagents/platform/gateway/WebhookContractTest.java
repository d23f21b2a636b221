package com.aiagents.platform.gateway;

import static com.aiagents.platform.gateway.support.Deliveries.signed;
import static com.aiagents.platform.gateway.support.Deliveries.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gateway.core.DeferredRelease;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.GatewayClient;
import com.aiagents.platform.gateway.support.GatewayClient.Reply;
import com.aiagents.platform.gateway.support.LogCapture;
import com.aiagents.platform.gateway.support.OpensslSigner;
import com.aiagents.platform.gateway.support.RawHttp;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import com.aiagents.platform.testing.TestRedisExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** docs/api/webhook-gateway.md, row by row, over real HTTP against a real Redis. */
class WebhookContractTest {
    private static final AtomicInteger TENANTS = new AtomicInteger();

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final TestRedisExtension redis = new TestRedisExtension();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> app = GatewayApps.gateway("contract",
            () -> redis.get().url(), registry,
            // Every request asks the registry, so status changes and rotations apply at once; a deferred
            // lane holds one minute of the tenant's rate, so its ceiling is reached in a few requests.
            Map.of("tenantService.cacheTtl", "0 seconds", "tenantService.notFoundTtl", "0 seconds",
                    "webhook.deferredCeiling", "1 minute"));

    static GatewayClient client;
    static LogCapture logs;

    @BeforeAll
    static void connect() {
        client = new GatewayClient(app.getLocalPort());
        logs = new LogCapture();
    }

    @AfterAll
    static void disconnect() {
        logs.close();
        client.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.get().flush();
    }

    private static String newTenant() {
        return "tenant-" + TENANTS.incrementAndGet();
    }

    private static long queueLength() {
        try (Jedis jedis = redis.get().connect()) {
            return jedis.llen(QueueNames.INGRESS);
        }
    }

    private static long deferredLength(String tenant) {
        try (Jedis jedis = redis.get().connect()) {
            return jedis.llen(DeferredRelease.laneKey(TenantId.of(tenant)));
        }
    }

    private static void assertJsonError(Reply reply, int code, String error) {
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.json()).as("JSON error body: %s", reply.text()).isNotNull();
        assertThat(reply.json().get("code").asInt()).isEqualTo(code);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    @Test
    void aSignedDeliveryIsAcceptedOnlyAfterItsJobIsInRedis() throws Exception {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket("TKT-12345");

        Reply reply = client.webhook(tenant, body, signed(secret, body));

        assertThat(reply.code()).isEqualTo(202);
        assertThat(reply.json().get("status").asText()).isEqualTo("accepted");
        assertThat(UUID.fromString(reply.jobId())).isNotNull();
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).isEqualTo(1);
            EnhancementJob job = JsonMapper.create().readValue(jedis.lindex(QueueNames.INGRESS, 0), EnhancementJob.class);
            assertThat(job.jobId()).isEqualTo(reply.jobId());
            assertThat(job.tenantId()).isEqualTo(tenant);
            assertThat(job.ticketId()).isEqualTo("TKT-12345");
            assertThat(job.event()).isEqualTo("request_created");
            assertThat(job.eventKey()).hasSize(64);
            assertThat(job.receivedAt()).isNotNull();
            assertThat(job.attempt()).isZero();
            assertThat(job.traceparent()).as("tracing is off by default").isNull();
        }
    }

    @Test
    void aSignatureMadeWithTheRunbooksOpensslCommandIsAccepted() {
        assumeTrue(OpensslSigner.available(), "needs /usr/bin/openssl");
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = "{\"request\":{\"id\":\"100000042\",\"subject\":\"Printer on fire\"},\"event\":\"request_updated\"}"
                .getBytes(StandardCharsets.UTF_8);

        String opensslHex = OpensslSigner.sign(secret, body);

        assertThat(opensslHex).matches("[0-9a-f]{64}");
        assertThat(client.webhook(tenant, body, Map.of("X-ServiceDesk-Signature", opensslHex)).code()).isEqualTo(202);
    }

    @Test
    void upperCaseHexTheSha256PrefixAndTheSdpAliasHeaderAreAccepted() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] upper = ticket();
        byte[] prefixed = ticket();
        byte[] alias = ticket();

        assertThat(client.webhook(tenant, upper, Map.of("X-ServiceDesk-Signature",
                WebhookSignatures.hmacSha256Hex(secret, upper).toUpperCase(Locale.ROOT))).code()).isEqualTo(202);
        assertThat(client.webhook(tenant, prefixed, Map.of("X-ServiceDesk-Signature",
                "sha256=" + WebhookSignatures.hmacSha256Hex(secret, prefixed))).code()).isEqualTo(202);
        assertThat(client.webhook(tenant, alias, Map.of("X-SDP-Signature",
                WebhookSignatures.hmacSha256Hex(secret, alias))).code()).isEqualTo(202);
        assertThat(queueLength()).isEqualTo(3);
    }

    @Test
    void aRepeatedDeliveryIsAnsweredWithTheFirstJobIdAndEnqueuedOnce() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();

        Reply first = client.webhook(tenant, body, signed(secret, body));
        Reply replay = client.webhook(tenant, body, signed(secret, body));

        assertThat(first.code()).isEqualTo(202);
        assertThat(replay.code()).isEqualTo(202);
        assertThat(replay.jobId()).isEqualTo(first.jobId());
        assertThat(queueLength()).isEqualTo(1);
    }

    @Test
    void missingSignatureIs401AndAWrongOneIs403() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();

        assertJsonError(client.webhook(tenant, body, Map.of()), 401, "missing_signature");
        assertJsonError(client.webhook(tenant, body, Map.of("X-ServiceDesk-Signature", "0".repeat(64))), 403, "invalid_signature");
        assertJsonError(client.webhook(tenant, body, Map.of("X-ServiceDesk-Signature", "not-hex")), 403, "invalid_signature");
        assertJsonError(client.webhook(tenant, body, Map.of("X-Webhook-Token", secret)), 401, "missing_signature");
        assertThat(queueLength()).isZero();
    }

    @Test
    void tenantAsSecretIsRejectedOnTenantBsUrl() {
        String tenantA = newTenant();
        String tenantB = newTenant();
        String secretA = registry.create(tenantA, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        registry.create(tenantB, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();

        assertJsonError(client.webhook(tenantB, body, signed(secretA, body)), 403, "invalid_signature");
        assertThat(client.webhook(tenantA, body, signed(secretA, body)).code()).isEqualTo(202);
        assertThat(queueLength()).isEqualTo(1);
    }

    @Test
    void aBodyAlteredByOneByteAfterSigningIsRejected() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();
        Map<String, String> signature = signed(secret, body);
        byte[] altered = Arrays.copyOf(body, body.length);
        altered[altered.length - 3] ^= 0x01;

        assertJsonError(client.webhook(tenant, altered, signature), 403, "invalid_signature");
        assertThat(queueLength()).isZero();
    }

    @Test
    void tokenModeWantsTheSecretInXWebhookToken() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.TOKEN, Tier.BASIC, 100);

        assertThat(client.webhook(tenant, ticket(), Map.of("X-Webhook-Token", secret)).code()).isEqualTo(202);
        assertJsonError(client.webhook(tenant, ticket(), Map.of("X-Webhook-Token", secret + "x")), 403, "invalid_signature");
        assertJsonError(client.webhook(tenant, ticket(), Map.of()), 401, "missing_signature");
        assertThat(queueLength()).isEqualTo(1);
    }

    @Test
    void unknownOffboardedAndMalformedTenantIdsAre404() {
        String offboarded = newTenant();
        String secret = registry.create(offboarded, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        registry.offboard(offboarded);
        byte[] body = ticket();

        assertJsonError(client.webhook("no-such-tenant", body, signed(secret, body)), 404, "tenant_not_found");
        assertJsonError(client.webhook(offboarded, body, signed(secret, body)), 404, "tenant_not_found");
        Reply malformed = client.webhook("Robert%27);DROP%20TABLE", body, signed(secret, body));
        assertJsonError(malformed, 404, "tenant_not_found");
        assertThat(malformed.text()).doesNotContain("DROP");
        assertJsonError(client.post("/webhook/servicedesk", RequestBody.create(body, GatewayClient.JSON),
                Headers.of(signed(secret, body))), 400, "missing_tenant_id");
        assertThat(queueLength()).isZero();
    }

    @Test
    void aSuspendedTenantIs403UntilReactivated() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        registry.activate(tenant);
        byte[] body = ticket();
        assertThat(client.webhook(tenant, body, signed(secret, body)).code()).isEqualTo(202);

        registry.suspend(tenant);
        byte[] whileSuspended = ticket();
        assertJsonError(client.webhook(tenant, whileSuspended, signed(secret, whileSuspended)), 403, "tenant_suspended");
        try (GatewayClient admin = new GatewayClient(app.getAdminPort())) {
            assertThat(admin.get("/metrics").text())
                    .contains("webhook_requests_total{tenant_id=\"" + tenant + "\",result=\"suspended\",} 1.0");
        }
        registry.reactivate(tenant);
        assertThat(client.webhook(tenant, whileSuspended, signed(secret, whileSuspended)).code()).isEqualTo(202);
        assertThat(queueLength()).isEqualTo(2);
    }

    @Test
    void aTenantStillOnboardingIsAcceptedBecauseGate3SendsItsGoldenPathWebhookBeforeActivation() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();

        assertThat(client.webhook(tenant, body, signed(secret, body)).code()).isEqualTo(202);
    }

    @Test
    void notJsonNoTicketIdAndABadEventAre400() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] notJson = "ticket_id=TKT-1".getBytes(StandardCharsets.UTF_8);
        byte[] noTicket = "{\"subject\":\"no id\"}".getBytes(StandardCharsets.UTF_8);
        byte[] badEvent = "{\"ticket_id\":\"1\",\"event\":\"request_deleted\"}".getBytes(StandardCharsets.UTF_8);

        assertJsonError(client.webhook(tenant, notJson, signed(secret, notJson)), 400, "invalid_json");
        assertJsonError(client.webhook(tenant, noTicket, signed(secret, noTicket)), 400, "missing_ticket_id");
        assertJsonError(client.webhook(tenant, badEvent, signed(secret, badEvent)), 400, "invalid_event");
        assertThat(queueLength()).isZero();
    }

    @Test
    void aBodyOver1MiBIs413WhetherDeclaredOrStreamed() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        byte[] exactlyAtLimit = Arrays.copyOf(ticket("TKT-LIMIT"), 1024 * 1024);
        Arrays.fill(exactlyAtLimit, ticket("TKT-LIMIT").length, exactlyAtLimit.length, (byte) ' ');

        assertJsonError(client.webhook(tenant, big, signed(secret, big)), 413, "payload_too_large");
        byte[] chunkedHead = RawHttp.head("POST /webhook/servicedesk?tenant_id=" + tenant + " HTTP/1.1",
                "Content-Type: application/json", "Transfer-Encoding: chunked",
                "X-ServiceDesk-Signature: " + WebhookSignatures.hmacSha256Hex(secret, big));
        assertThat(RawHttp.exchange(app.getLocalPort(), chunkedHead, big, true)).isEqualTo(413);
        assertThat(client.webhook(tenant, exactlyAtLimit, signed(secret, exactlyAtLimit)).code()).isEqualTo(202);
        assertThat(queueLength()).isEqualTo(1);
    }

    @Test
    void overTheTenantsRateJobsAreDeferredWith202AndOverTheCeilingRefusedWith429AndRetryAfter() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 3);
        for (int i = 0; i < 6; i++) {
            byte[] body = ticket();
            Reply accepted = client.webhook(tenant, body, signed(secret, body));
            assertThat(accepted.code()).isEqualTo(202);
            assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        }
        byte[] body = ticket();
        Reply limited = client.webhook(tenant, body, signed(secret, body));

        assertJsonError(limited, 429, "rate_limited");
        // one deferred job leaves the lane every 20 s at 3 a minute
        assertThat(Long.parseLong(limited.headers().get("Retry-After"))).isEqualTo(20);
        assertThat(queueLength()).isEqualTo(3);
        assertThat(deferredLength(tenant)).isEqualTo(3);
    }

    @Test
    void aRepeatOfADeferredDeliveryIsAnsweredWithItsJobId() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 1);
        byte[] first = ticket();
        byte[] deferred = ticket();
        assertThat(client.webhook(tenant, first, signed(secret, first)).code()).isEqualTo(202);
        String jobId = client.webhook(tenant, deferred, signed(secret, deferred)).json().get("job_id").asText();

        Reply repeat = client.webhook(tenant, deferred, signed(secret, deferred));

        assertThat(repeat.code()).isEqualTo(202);
        assertThat(repeat.json().get("job_id").asText()).isEqualTo(jobId);
        assertThat(deferredLength(tenant)).isEqualTo(1);
    }

    @Test
    void overTheCeilingIs429EvenForABodyThatWouldBe400() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 1);
        byte[] body = ticket();
        byte[] deferred = ticket();
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);

        assertThat(client.webhook(tenant, body, signed(secret, body)).code()).isEqualTo(202);
        assertThat(client.webhook(tenant, deferred, signed(secret, deferred)).code()).isEqualTo(202);
        assertJsonError(client.webhook(tenant, notJson, signed(secret, notJson)), 429, "rate_limited");
    }

    @Test
    void requestsFailingTheSignatureCheckDoNotSpendTheTenantsQuota() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 2);
        for (int i = 0; i < 20; i++) {
            byte[] forged = ticket();
            assertThat(client.webhook(tenant, forged, signed("attacker-guess", forged)).code()).isEqualTo(403);
            assertThat(client.webhook(tenant, forged, Map.of()).code()).isEqualTo(401);
        }
        byte[] first = ticket();
        byte[] second = ticket();
        byte[] third = ticket();

        assertThat(client.webhook(tenant, first, signed(secret, first)).code()).isEqualTo(202);
        assertThat(client.webhook(tenant, second, signed(secret, second)).code()).isEqualTo(202);
        assertThat(client.webhook(tenant, third, signed(secret, third)).code()).isEqualTo(202);
        assertThat(queueLength()).as("the third is the first over the rate").isEqualTo(2);
        assertThat(deferredLength(tenant)).isEqualTo(1);
    }

    @Test
    void duringRotationBothSecretsPassAndAfterTheGracePeriodOnlyTheNewOne() {
        String tenant = newTenant();
        String oldSecret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        String newSecret = registry.rotate(tenant);
        byte[] a = ticket();
        byte[] b = ticket();

        assertThat(client.webhook(tenant, a, signed(oldSecret, a)).code()).isEqualTo(202);
        assertThat(client.webhook(tenant, b, signed(newSecret, b)).code()).isEqualTo(202);

        registry.expirePreviousSecret(tenant);
        byte[] c = ticket();
        byte[] d = ticket();
        assertJsonError(client.webhook(tenant, c, signed(oldSecret, c)), 403, "invalid_signature");
        assertThat(client.webhook(tenant, d, signed(newSecret, d)).code()).isEqualTo(202);
        assertThat(queueLength()).isEqualTo(3);
    }

    @Test
    void premiumTenantsShareTheIngressQueueByDefault() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.PREMIUM, 100);
        byte[] body = ticket();

        assertThat(client.webhook(tenant, body, signed(secret, body)).code()).isEqualTo(202);
        assertThat(queueLength()).isEqualTo(1);
    }

    @Test
    void logsNameEventsAndTenantsButNeverTheSecretSignatureOrBody() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket("TKT-LOGGED-ONLY-AS-ID");
        String signature = WebhookSignatures.hmacSha256Hex(secret, body);
        logs.clear();

        Reply accepted = client.webhook(tenant, body, Map.of("X-ServiceDesk-Signature", signature));
        client.webhook(tenant, ticket(), Map.of("X-ServiceDesk-Signature", signature));

        String captured = logs.all();
        assertThat(captured).contains("event=webhook_received tenant_id=" + tenant)
                .contains("event=signature_valid tenant_id=" + tenant + " job_id=" + accepted.jobId())
                .contains("event=signature_invalid tenant_id=" + tenant)
                .doesNotContain(secret)
                .doesNotContain(signature)
                .doesNotContain("VPN drops every hour");
    }

    @Test
    void tokenModeLogsNeverContainTheToken() {
        String tenant = newTenant();
        String token = registry.create(tenant, WebhookAuthMode.TOKEN, Tier.BASIC, 100);
        logs.clear();

        client.webhook(tenant, ticket(), Map.of("X-Webhook-Token", token));
        client.webhook(tenant, ticket(), Map.of("X-Webhook-Token", token + "-guess"));

        assertThat(logs.all()).contains("event=signature_valid tenant_id=" + tenant)
                .contains("event=signature_invalid tenant_id=" + tenant)
                .doesNotContain(token);
    }

    @Test
    void unknownPathsAndMethodsAlsoAnswerJson() {
        assertJsonError(client.get("/webhook/servicedesk?tenant_id=x"), 405, client.get("/webhook/servicedesk?tenant_id=x").error());
        assertThat(client.get("/nowhere").json()).isNotNull();
        assertThat(client.get("/nowhere").code()).isEqualTo(404);
    }

    @Test
    void metricsCountResultsPerKnownTenantAndLumpUnknownIdsTogether() {
        String tenant = newTenant();
        String secret = registry.create(tenant, WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();
        client.webhook(tenant, body, signed(secret, body));
        client.webhook(tenant, body, Map.of());
        client.webhook("never-registered-" + tenant, body, signed(secret, body));
        client.webhook("NOT%20VALID", body, signed(secret, body));

        try (GatewayClient admin = new GatewayClient(app.getAdminPort())) {
            String exposition = admin.get("/metrics").text();
            assertThat(exposition)
                    .contains("webhook_requests_total{tenant_id=\"" + tenant + "\",result=\"accepted\",} 1.0")
                    .contains("webhook_requests_total{tenant_id=\"" + tenant + "\",result=\"unauthorized\",} 1.0")
                    .contains("webhook_requests_total{tenant_id=\"unknown\",result=\"not_found\",}")
                    .contains("webhook_request_duration_seconds_bucket{result=\"accepted\",le=\"0.005\",}")
                    .doesNotContain("never-registered-")
                    .doesNotContain(secret);
        }
    }

    @Test
    void healthChecksCoverRedisAndTenantService() {
        try (GatewayClient admin = new GatewayClient(app.getAdminPort())) {
            Reply health = admin.get("/healthcheck");
            assertThat(health.code()).as(health.text()).isEqualTo(200);
            assertThat(health.json().at("/redis/healthy").asBoolean()).isTrue();
            assertThat(health.json().at("/tenant-service/healthy").asBoolean()).isTrue();
            assertThat(health.json().at("/tenant-service-circuit/healthy").asBoolean()).isTrue();
        }
    }

    @Test
    void theNoopBaselineAnswers202WithoutEnqueuing() {
        Reply reply = client.post("/webhook/noop", RequestBody.create(ticket(), GatewayClient.JSON), Headers.of());
        assertThat(reply.code()).isEqualTo(202);
        assertThat(queueLength()).isZero();
    }
}
