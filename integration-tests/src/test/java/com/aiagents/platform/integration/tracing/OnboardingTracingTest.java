package com.aiagents.platform.integration.tracing;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.SERVICE;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.testing.otlp.OtlpReceiver;
import com.aiagents.platform.testing.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #9, onboarding: one onboarding is one trace, exported over OTLP by the real services to a
 * local collector. provisioning-service's {@code onboarding} span holds an {@code onboarding_step}
 * per step; gates-runner's {@code gate_run}, with a {@code gate} span per gate, continues that
 * trace under the {@code run_gates} step through the traceparent of provisioning's call, and gate 3's
 * ticket (webhook-gateway's and the worker's spans) under gate 3.
 */
class OnboardingTracingTest {
    private static final OtlpReceiver TRACES = OtlpReceiver.start();

    /**
     * Closes the receiver after the platform has stopped (after-all callbacks run in reverse
     * order), so the services' last flush on stop still reaches it; an {@code @AfterAll} method
     * would run before the platform stops.
     */
    @RegisterExtension
    @Order(1)
    static final AfterAllCallback RECEIVER = context -> TRACES.close();

    @RegisterExtension
    @Order(2)
    static final Platform PLATFORM = Platform.tracedTo(TRACES);

    @Test
    void oneOnboardingIsOneTraceWithAStepSpanPerStepAndTheGatesUnderRunGates() {
        String tenant = unique("traced");
        String apiKey = "SDP-KEY-" + tenant;
        JsonHttp.Reply reply = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\": \"" + tenant + "\","
                + " \"name\": \"Traced Ltd\", \"tier\": \"basic\", \"admin_contact_email\": \"ops@traced.example\","
                + " \"servicedesk_url\": \"" + PLATFORM.sdp().createInstance(tenant, apiKey) + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"" + apiKey + "\"}}");
        assertThat(reply.json().path("status").asText()).as(reply.body()).isEqualTo("succeeded");
        String onboardingId = reply.json().path("onboarding_id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> onboardingSpan(onboardingId) != null
                && TRACES.spans(SpanNames.GATE).stream().filter(s -> tenant.equals(s.attribute("tenant_id"))).count() == 4
                && TRACES.spans(SpanNames.ENHANCEMENT_POSTED).stream().anyMatch(s -> tenant.equals(s.attribute("tenant_id"))));

        // Each service exports in its own batches, and a parent span (the POST's server span,
        // gate_run after its DB write) ends after its children: wait until the whole trace is in.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertOneTrace(onboardingId, tenant));

        String webhookSecret = reply.json().path("webhook").path("secret").asText();
        assertThat(webhookSecret).hasSize(64);
        for (String secret : List.of(apiKey, webhookSecret, ADMIN, SERVICE)) {
            assertThat(TRACES.anyPayloadContains(secret)).as("a secret in an exported span").isFalse();
        }
        assertThat(TRACES.rejections()).isEmpty();
    }

    /** The onboarding's whole trace: its request, its steps, the gate run under run_gates, gate 3's ticket under gate 3. */
    private static void assertOneTrace(String onboardingId, String tenant) {
        ReceivedSpan onboarding = onboardingSpan(onboardingId);
        assertThat(onboarding.service()).isEqualTo("provisioning-service");
        assertThat(onboarding.attribute("tenant_id")).isEqualTo(tenant);
        Map<String, ReceivedSpan> trace = TRACES.spans().stream().filter(s -> s.traceId().equals(onboarding.traceId()))
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
        ReceivedSpan request = trace.get(onboarding.parentSpanId());
        assertThat(request).as("the POST's server span").isNotNull();
        assertThat(request.name()).as("the onboarding is a child of the POST's server span").isEqualTo("POST /v1/onboardings");

        List<ReceivedSpan> steps = trace.values().stream().filter(s -> s.name().equals(SpanNames.ONBOARDING_STEP))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos)).toList();
        assertThat(steps).extracting(s -> s.attribute("step")).containsExactly("create_tenant", "mark_configured",
                "provision_kubernetes", "import_ticket_history", "run_gates", "activate");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.parentSpanId()).isEqualTo(onboarding.spanId());
            assertThat(step.attribute("onboarding_id")).isEqualTo(onboardingId);
            assertThat(step.attribute("tenant_id")).isEqualTo(tenant);
            assertThat(step.statusCode()).isNotEqualTo(ReceivedSpan.STATUS_ERROR);
        });

        ReceivedSpan runGates = steps.get(4);
        List<ReceivedSpan> gateRuns = trace.values().stream().filter(s -> s.name().equals(SpanNames.GATE_RUN)).toList();
        assertThat(gateRuns).hasSize(1);
        ReceivedSpan gateRun = gateRuns.get(0);
        assertThat(gateRun.service()).isEqualTo("gates-runner");
        assertThat(gateRun.attribute("tenant_id")).isEqualTo(tenant);
        assertThat(ancestors(gateRun, trace)).as("gate_run ← gates-runner's server span ← provisioning's call ← run_gates")
                .extracting(ReceivedSpan::name).containsSubsequence("POST /v1/gate-runs", "HTTP POST 127.0.0.1",
                        SpanNames.ONBOARDING_STEP, SpanNames.ONBOARDING);
        assertThat(trace.get(trace.get(gateRun.parentSpanId()).parentSpanId()).parentSpanId()).isEqualTo(runGates.spanId());

        List<ReceivedSpan> gates = trace.values().stream().filter(s -> s.name().equals(SpanNames.GATE))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos)).toList();
        assertThat(gates).extracting(g -> g.attribute("gate")).containsExactly("1", "2", "3", "4");
        assertThat(gates).allSatisfy(gate -> {
            assertThat(gate.parentSpanId()).isEqualTo(gateRun.spanId());
            assertThat(gate.attribute("tenant_id")).isEqualTo(tenant);
            assertThat(gate.service()).isEqualTo("gates-runner");
        });
        ReceivedSpan goldenPath = gates.get(2);
        List<ReceivedSpan> ticket = trace.values().stream().filter(s -> s.name().equals(SpanNames.WEBHOOK_RECEIVED)
                || s.name().equals(SpanNames.TICKET_ENHANCED) || s.name().equals(SpanNames.ENHANCEMENT_POSTED)).toList();
        assertThat(ticket).as("gate 3's ticket, through the real gateway and worker, inside the onboarding's trace")
                .extracting(ReceivedSpan::service).contains("webhook-gateway", "enhancement-worker");
        assertThat(ticket).allSatisfy(span -> assertThat(ancestors(span, trace)).contains(goldenPath));
        assertThat(trace.values()).filteredOn(s -> s.service().equals("tenant-service") && s.kind().equals("SERVER"))
                .as("provisioning's and gates-runner's calls to tenant-service continue the trace too").isNotEmpty();
    }

    private static ReceivedSpan onboardingSpan(String onboardingId) {
        return TRACES.spans(SpanNames.ONBOARDING).stream().filter(s -> onboardingId.equals(s.attribute("onboarding_id")))
                .findFirst().orElse(null);
    }

    /** {@code span}'s ancestors in the trace, nearest first. */
    private static List<ReceivedSpan> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> trace) {
        List<ReceivedSpan> ancestors = new ArrayList<>();
        for (ReceivedSpan parent = trace.get(span.parentSpanId()); parent != null; parent = trace.get(parent.parentSpanId())) {
            ancestors.add(parent);
        }
        return ancestors;
    }
}
