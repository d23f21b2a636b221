package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A span begun on one thread, with children on another, ended by the other: an onboarding's shape. */
class DetachedSpanTest {
    private final InMemoryTracing traces = new InMemoryTracing();
    private final PlatformTracing tracing = traces.tracing("provisioning-service");
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        worker.shutdownNow();
        traces.close();
    }

    @Test
    void childrenOnAnotherThreadShareTheTraceAndInheritTheTenant() throws Exception {
        DetachedSpan onboarding = tracing.span(SpanNames.ONBOARDING).tenant("acme-corp").onboarding("ob-1").start();
        assertThat(Span.current().getSpanContext().isValid()).as("not current on the starting thread").isFalse();
        tracing.span(SpanNames.ONBOARDING_STEP).parent(onboarding.context()).step("create_tenant").run(step -> { });

        worker.submit(onboarding.context().wrap(() -> {
            tracing.span(SpanNames.ONBOARDING_STEP).step("run_gates").run(step -> step.fail("step_failed"));
            onboarding.fail("onboarding_failed").end();
        })).get(10, TimeUnit.SECONDS);

        SpanData root = traces.span(SpanNames.ONBOARDING);
        assertThat(root.hasEnded()).isTrue();
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.getAttributes().get(AttributeKey.stringKey("onboarding_id"))).isEqualTo("ob-1");
        assertThat(traces.spans()).filteredOn(s -> s.getName().equals(SpanNames.ONBOARDING_STEP)).hasSize(2)
                .allSatisfy(step -> {
                    assertThat(step.getTraceId()).isEqualTo(root.getTraceId());
                    assertThat(step.getParentSpanId()).isEqualTo(root.getSpanId());
                    assertThat(step.getAttributes().get(AttributeKey.stringKey("tenant_id"))).isEqualTo("acme-corp");
                })
                .extracting(step -> step.getAttributes().get(AttributeKey.stringKey("step")))
                .containsExactly("create_tenant", "run_gates");
    }

    @Test
    void aStepNameThatIsNotAnIdentifierIsNotRecorded() {
        tracing.span(SpanNames.ONBOARDING_STEP).step("create tenant with key SDP-KEY-1").run(step -> { });

        assertThat(traces.span(SpanNames.ONBOARDING_STEP).getAttributes().get(AttributeKey.stringKey("step")))
                .isEqualTo(TraceAttributes.REDACTED);
    }
}
