package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.testing.otlp.OtlpReceiver;
import com.aiagents.platform.testing.otlp.ReceivedSpan;
import com.aiagents.platform.worker.support.FakeLlm;
import com.aiagents.platform.worker.support.Gateway;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #9's proof: the real gateway and worker (and tenant-service, the SDP simulator, an LLM on
 * MockWebServer) export to one local OTLP collector, one signed webhook goes in, and its ticket
 * is one trace across the Redis queue: {@code webhook_received → signature_validation →
 * job_queued → ticket_enhanced → enhancement_posted}, each with the tenant, none with a secret,
 * the signature or the ticket's text. A retried job is a second {@code ticket_enhanced} in the
 * same trace.
 */
class TicketTraceTest {
    private static final OtlpReceiver COLLECTOR = OtlpReceiver.start();
    private static final FakeLlm LLM = new FakeLlm();
    private static final String LLM_KEY = "llm-key-never-in-a-span-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    // The test YAML retries a failed job after 50-200 ms, so the retried attempt comes at once.
    @RegisterExtension
    static final WorkerEnvironment env = new WorkerEnvironment(Map.of("llm.baseUrl", LLM.baseUrl(), "llm.apiKey", LLM_KEY))
            .withTracingTo(COLLECTOR.endpoint());

    static Gateway gateway;
    static LogCapture logs;

    @BeforeAll
    static void startGateway() throws Exception {
        // INFO: logging is one per JVM and the gateway starts last, so its level is the worker's too.
        gateway = Gateway.start(env, Map.of("tracing.enabled", "true", "tracing.endpoint", COLLECTOR.endpoint(),
                "tracing.scheduleDelay", "100 milliseconds", "logging.level", "INFO"));
        logs = LogCapture.attach(); // after the last app has (re)set logging
    }

    @AfterAll
    static void stop() {
        logs.close();
        gateway.close();
        LLM.close();
        COLLECTOR.close();
    }

    @Test
    void oneSignedWebhookIsOneTraceFromGatewayToPostedNote() throws Exception {
        Tenant tenant = env.createTenant("one-trace", null);
        String subject = "Printer on floor 3 jams on every duplex job";
        String description = "Since Monday the HP M607 in room 3.14 jams whenever someone prints duplex";
        String ticketId = tenant.sdp().createRequest(NewSdpRequest.of(subject, description, "jo@acme.example")).id();
        String body = webhookBody(ticketId, subject, description);

        String jobId = accepted(gateway.send(tenant, body));
        ReceivedSpan posted = awaitSpan("enhancement_posted", jobId);

        ReceivedSpan enhanced = parentOf(posted);
        ReceivedSpan queued = parentOf(enhanced);
        ReceivedSpan validation = parentOf(queued);
        ReceivedSpan received = parentOf(validation);
        List<ReceivedSpan> chain = List.of(received, validation, queued, enhanced, posted);
        assertThat(chain).extracting(ReceivedSpan::name).containsExactly("webhook_received", "signature_validation",
                "job_queued", "ticket_enhanced", "enhancement_posted");
        assertThat(chain).extracting(ReceivedSpan::service).containsExactly("webhook-gateway", "webhook-gateway",
                "webhook-gateway", "enhancement-worker", "enhancement-worker");
        assertThat(chain).allSatisfy(span -> {
            assertThat(span.traceId()).isEqualTo(posted.traceId());
            assertThat(span.attribute("tenant_id")).isEqualTo("one-trace");
            assertThat(span.statusCode()).isNotEqualTo(ReceivedSpan.STATUS_ERROR);
        });
        assertThat(List.of(queued, enhanced, posted)).allSatisfy(span ->
                assertThat(span.attributes()).containsEntry("ticket_id", ticketId).containsEntry("job_id", jobId));
        assertThat(enhanced.kind()).isEqualTo("CONSUMER");
        assertThat(enhanced.attribute("attempt")).isEqualTo("1");
        assertThat(parentOf(received).name()).isEqualTo("POST /webhook/servicedesk");
        // log lines name the trace and the span they were written in
        assertThat(logs.linesContaining("event=signature_valid tenant_id=one-trace")).singleElement().satisfies(line ->
                assertThat(line).contains("trace_id=" + posted.traceId(), "span_id=" + validation.spanId()));
        // note_posted is written after the span ends and the posted row commits
        await().atMost(WAIT).untilAsserted(() -> assertThat(logs.linesContaining("event=note_posted")).anySatisfy(line ->
                assertThat(line).contains("trace_id=" + posted.traceId(), "span_id=" + enhanced.spanId(),
                        "tenant_id=one-trace", "job_id=" + jobId)));

        // ONE trace: every span about this tenant's ticket, in every service, is in it (each service
        // exports on its own schedule, hence the wait).
        await().atMost(WAIT).untilAsserted(() -> {
            List<ReceivedSpan> tenantSpans = COLLECTOR.spans().stream()
                    .filter(s -> "one-trace".equals(s.attribute("tenant_id"))).toList();
            assertThat(tenantSpans).extracting(ReceivedSpan::service)
                    .contains("webhook-gateway", "enhancement-worker", "tenant-service");
            assertThat(tenantSpans).extracting(ReceivedSpan::name)
                    .contains("sdp_fetch_request", "context_gathering", "synthesis", "llm_call");
            assertThat(tenantSpans).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(posted.traceId()));
        });

        List<String> neverExported = List.of(tenant.webhookSecret(), Gateway.signature(tenant, body), description,
                subject, tenant.sdpApiKey(), LLM_KEY);
        for (String text : neverExported) {
            assertThat(COLLECTOR.spans()).as("spans with an attribute holding %s", text).noneMatch(span -> span.attributes()
                    .values().stream().anyMatch(value -> String.valueOf(value).contains(text)));
            assertThat(COLLECTOR.anyPayloadContains(text)).as("an export holds %s", text).isFalse();
        }
    }

    @Test
    void aJobRetriedAfterAnSdp503IsTwoAttemptsUnderTheSameJobQueuedSpan() throws Exception {
        Tenant tenant = env.createTenant("retried-trace", null);
        String ticketId = tenant.sdp().createRequest(
                NewSdpRequest.of("Laptop will not dock", "Dock not detected", "jo@acme.example")).id();
        // The simulator's instance is named after the tenant; its next call, the worker's fetch, meets a 503.
        env.simulator().faults("retried-trace", "{\"unavailable_burst\":1}");

        String jobId = accepted(gateway.send(tenant, webhookBody(ticketId, "Laptop will not dock", "Dock not detected")));
        awaitSpan("enhancement_posted", jobId);

        List<ReceivedSpan> attempts = await().atMost(WAIT).until(() -> COLLECTOR.spans("ticket_enhanced").stream()
                .filter(s -> jobId.equals(s.attribute("job_id"))).toList(), spans -> spans.size() == 2);
        ReceivedSpan first = attempt(attempts, "1");
        ReceivedSpan second = attempt(attempts, "2");
        ReceivedSpan queued = parentOf(first);
        assertThat(queued.name()).isEqualTo("job_queued");
        assertThat(second.parentSpanId()).isEqualTo(queued.spanId());
        assertThat(List.of(first, second)).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(queued.traceId()));
        assertThat(first.statusCode()).isEqualTo(ReceivedSpan.STATUS_ERROR);
        assertThat(first.attribute("error.type")).startsWith("sdp_");
        assertThat(second.statusCode()).isNotEqualTo(ReceivedSpan.STATUS_ERROR);
        ReceivedSpan failedFetch = COLLECTOR.spans("sdp_fetch_request").stream()
                .filter(s -> s.parentSpanId().equals(first.spanId())).findFirst().orElseThrow();
        assertThat(failedFetch.statusCode()).isEqualTo(ReceivedSpan.STATUS_ERROR);
        assertThat(COLLECTOR.spans("enhancement_posted")).filteredOn(s -> jobId.equals(s.attribute("job_id")))
                .singleElement().satisfies(s -> assertThat(s.parentSpanId()).isEqualTo(second.spanId()));
    }

    private static String webhookBody(String ticketId, String subject, String description) throws Exception {
        return JSON.writeValueAsString(Map.of("ticket_id", ticketId, "event", "request_created", "subject", subject,
                "description", description));
    }

    private static String accepted(HttpResponse<String> reply) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        return JSON.readTree(reply.body()).get("job_id").asText();
    }

    private static ReceivedSpan awaitSpan(String name, String jobId) {
        return await().atMost(WAIT).until(() -> COLLECTOR.spans(name).stream()
                .filter(s -> jobId.equals(s.attribute("job_id"))).findFirst().orElse(null), Objects::nonNull);
    }

    /** The parent of {@code span}, from whichever service: spans arrive in batches, not in parent order. */
    private static ReceivedSpan parentOf(ReceivedSpan span) {
        assertThat(span.isRoot()).as("%s has a parent", span.name()).isFalse();
        return await().atMost(WAIT).until(() -> COLLECTOR.spans().stream()
                .filter(s -> s.spanId().equals(span.parentSpanId())).findFirst().orElse(null), Objects::nonNull);
    }

    private static ReceivedSpan attempt(List<ReceivedSpan> attempts, String number) {
        return attempts.stream().filter(s -> number.equals(s.attribute("attempt"))).findFirst()
                .orElseThrow(() -> new AssertionError("no ticket_enhanced span with attempt " + number));
    }
}
