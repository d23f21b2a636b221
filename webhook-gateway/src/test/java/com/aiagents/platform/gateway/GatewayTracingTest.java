package com.aiagents.platform.gateway;

import static com.aiagents.platform.gateway.support.Deliveries.signed;
import static com.aiagents.platform.gateway.support.Deliveries.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.GatewayClient;
import com.aiagents.platform.gateway.support.GatewayClient.Reply;
import com.aiagents.platform.gateway.support.LogCapture;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import com.aiagents.platform.testing.TestRedisExtension;
import com.aiagents.platform.testing.otlp.OtlpReceiver;
import com.aiagents.platform.testing.otlp.ReceivedSpan;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The gateway with tracing on, exporting over OTLP/HTTP to a local collector as in production:
 * a webhook's spans and their parents, the traceparent inside the queued job, tenant-service
 * continuing the trace, rejections marked, the log lines' trace ids, and nothing secret exported.
 */
class GatewayTracingTest {
    private static final OtlpReceiver COLLECTOR = OtlpReceiver.start();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture().withTracingTo(COLLECTOR.endpoint());

    @RegisterExtension
    @Order(1)
    static final TestRedisExtension redis = new TestRedisExtension();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> app = GatewayApps.gateway("tracing",
            () -> redis.get().url(), registry, Map.of("tracing.enabled", "true", "tracing.endpoint", COLLECTOR.endpoint(),
                    "tracing.scheduleDelay", "100 milliseconds"));

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
        COLLECTOR.close();
    }

    @Test
    void anAcceptedWebhookIsOneTraceWhoseJobQueuedSpanTravelsInTheJob() throws Exception {
        String secret = registry.create("traced-ok", WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket("TKT-4711");
        Map<String, String> headers = signed(secret, body);

        Reply reply = client.webhook("traced-ok", body, headers);
        assertThat(reply.code()).isEqualTo(202);

        EnhancementJob job = queuedJob(reply.jobId());
        assertThat(job.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        String traceId = job.traceparent().substring(3, 35);
        String queuedSpanId = job.traceparent().substring(36, 52);

        ReceivedSpan queued = awaitSpan("job_queued", "traced-ok");
        assertThat(queued.traceId()).isEqualTo(traceId);
        assertThat(queued.spanId()).isEqualTo(queuedSpanId);
        assertThat(queued.attributes()).containsEntry("tenant_id", "traced-ok").containsEntry("ticket_id", "TKT-4711")
                .containsEntry("job_id", reply.jobId());
        ReceivedSpan validation = parentOf(queued);
        assertThat(validation.name()).isEqualTo("signature_validation");
        assertThat(validation.attribute("tenant_id")).isEqualTo("traced-ok");
        ReceivedSpan received = parentOf(validation);
        assertThat(received.name()).isEqualTo("webhook_received");
        assertThat(received.attributes()).containsEntry("tenant_id", "traced-ok").containsEntry("ticket_id", "TKT-4711");
        ReceivedSpan server = parentOf(received);
        assertThat(server.name()).isEqualTo("POST /webhook/servicedesk");
        assertThat(server.kind()).isEqualTo("SERVER");
        assertThat(server.isRoot()).isTrue();
        assertThat(server.attribute("http.response.status_code")).isEqualTo("202");
        assertThat(List.of(queued, validation, received, server)).allSatisfy(span -> {
            assertThat(span.service()).isEqualTo("webhook-gateway");
            assertThat(span.statusCode()).isNotEqualTo(ReceivedSpan.STATUS_ERROR);
        });

        // The tenant lookup is the gateway's CLIENT span under webhook_received, continued by tenant-service.
        ReceivedSpan lookup = await().atMost(WAIT).until(() -> COLLECTOR.spans().stream()
                .filter(s -> s.service().equals("tenant-service") && s.traceId().equals(traceId)).findFirst().orElse(null),
                span -> span != null);
        assertThat(lookup.name()).isEqualTo("GET /internal/v1/tenants/{tenant_id}/runtime-config");
        ReceivedSpan call = parentOf(lookup);
        assertThat(call.kind()).isEqualTo("CLIENT");
        assertThat(call.service()).isEqualTo("webhook-gateway");
        assertThat(call.parentSpanId()).isEqualTo(received.spanId());

        // Log lines name the span they were written in.
        ILoggingEvent valid = logLine("event=signature_valid tenant_id=traced-ok");
        assertThat(valid.getMDCPropertyMap()).containsEntry("trace_id", traceId)
                .containsEntry("span_id", validation.spanId()).containsEntry("tenant_id", "traced-ok");
        assertThat(logLine("event=webhook_accepted tenant_id=traced-ok").getMDCPropertyMap())
                .containsEntry("trace_id", traceId).containsEntry("span_id", server.spanId());

        String description = "Users in Lyon lose the tunnel.";
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(description);
        for (String secretText : List.of(secret, headers.get("X-ServiceDesk-Signature"), description, "VPN drops every hour")) {
            assertThat(COLLECTOR.anyPayloadContains(secretText)).as("an export contains %s", secretText).isFalse();
        }
    }

    @Test
    void aWrongSignatureFailsItsSpanAndQueuesNothing() {
        registry.create("traced-forged", WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();

        Reply reply = client.webhook("traced-forged", body, signed("not-the-tenants-secret", body));
        assertThat(reply.code()).isEqualTo(403);

        ReceivedSpan received = awaitSpan("webhook_received", "traced-forged");
        assertThat(received.statusCode()).isEqualTo(ReceivedSpan.STATUS_ERROR);
        assertThat(received.attribute("error.type")).isEqualTo("invalid_signature");
        ReceivedSpan validation = COLLECTOR.spans("signature_validation").stream()
                .filter(s -> s.parentSpanId().equals(received.spanId())).findFirst().orElseThrow();
        assertThat(validation.statusCode()).isEqualTo(ReceivedSpan.STATUS_ERROR);
        assertThat(validation.attribute("error.type")).isEqualTo("invalid_signature");
        // job_queued would have ended, and been exported, before its enclosing webhook_received
        assertThat(COLLECTOR.spans("job_queued")).noneMatch(s -> s.traceId().equals(received.traceId()));
    }

    @Test
    void aRepeatedDeliveryIsAJobQueuedSpanNamingTheFirstJob() throws Exception {
        String secret = registry.create("traced-repeat", WebhookAuthMode.HMAC, Tier.BASIC, 100);
        byte[] body = ticket();
        Reply first = client.webhook("traced-repeat", body, signed(secret, body));
        Reply again = client.webhook("traced-repeat", body, signed(secret, body));
        assertThat(first.code()).isEqualTo(202);
        assertThat(again.jobId()).isEqualTo(first.jobId());

        List<ReceivedSpan> queued = await().atMost(WAIT).until(() -> COLLECTOR.spans("job_queued").stream()
                .filter(s -> "traced-repeat".equals(s.attribute("tenant_id"))).toList(), spans -> spans.size() == 2);
        assertThat(queued).allSatisfy(s -> assertThat(s.attribute("job_id")).isEqualTo(first.jobId()));
        assertThat(queued).filteredOn(s -> "true".equals(s.attribute("duplicate"))).hasSize(1);
        assertThat(queued.get(0).traceId()).isNotEqualTo(queued.get(1).traceId());
    }

    private static ReceivedSpan awaitSpan(String name, String tenantId) {
        return await().atMost(WAIT).until(() -> COLLECTOR.spans(name).stream()
                .filter(s -> tenantId.equals(s.attribute("tenant_id"))).findFirst().orElse(null), span -> span != null);
    }

    /** The parent of {@code span}, waiting for it: spans arrive in batches, not in parent order. */
    private static ReceivedSpan parentOf(ReceivedSpan span) {
        assertThat(span.isRoot()).as("%s has a parent", span.name()).isFalse();
        return await().atMost(WAIT).until(() -> COLLECTOR.spans().stream()
                .filter(s -> s.spanId().equals(span.parentSpanId())).findFirst().orElse(null), parent -> parent != null);
    }

    private static ILoggingEvent logLine(String start) {
        return logs.events().stream().filter(e -> e.getFormattedMessage().startsWith(start)).findFirst().orElseThrow();
    }

    private static EnhancementJob queuedJob(String jobId) throws Exception {
        try (Jedis jedis = redis.get().connect()) {
            for (String raw : jedis.lrange(QueueNames.INGRESS, 0, -1)) {
                EnhancementJob job = JsonMapper.create().readValue(raw, EnhancementJob.class);
                if (job.jobId().equals(jobId)) {
                    return job;
                }
            }
        }
        throw new AssertionError("job " + jobId + " is not on " + QueueNames.INGRESS);
    }
}
