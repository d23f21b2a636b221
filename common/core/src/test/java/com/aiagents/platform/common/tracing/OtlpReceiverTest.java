package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.testing.otlp.OtlpReceiver;
import com.aiagents.platform.testing.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real exporter (what services run) into common-testing's OTLP receiver: what later tests rely on. */
class OtlpReceiverTest {
    private final OtlpReceiver collector = OtlpReceiver.start();

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void decodesWhatTheServicesExporterSends() {
        OpenTelemetrySdk sdk = PlatformTracing.buildSdk(new TracingConfig().setEnabled(true)
                .setEndpoint(collector.endpoint()), "enhancement-worker");
        PlatformTracing tracing = PlatformTracing.of(sdk);
        String parentSpanId;
        String traceId;
        try (SpanScope enhanced = tracing.span(SpanNames.TICKET_ENHANCED).kind(SpanKind.CONSUMER)
                .tenant("acme-corp").ticket("TKT-7").job("job-7").attempt(2).open()) {
            parentSpanId = enhanced.span().getSpanContext().getSpanId();
            traceId = enhanced.span().getSpanContext().getTraceId();
            enhanced.span().setAttribute("confidence", 0.5).setAttribute("llm_used", true);
            tracing.span(SpanNames.ENHANCEMENT_POSTED).link(enhanced.span().getSpanContext())
                    .run(posted -> posted.fail("sdp_unavailable"));
        }
        assertThat(sdk.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(collector.rejections()).isEmpty();
        assertThat(collector.exports()).isPositive();
        ReceivedSpan enhanced = collector.spans(SpanNames.TICKET_ENHANCED).get(0);
        ReceivedSpan posted = collector.spans(SpanNames.ENHANCEMENT_POSTED).get(0);
        assertThat(enhanced.service()).isEqualTo("enhancement-worker");
        assertThat(enhanced.traceId()).isEqualTo(traceId);
        assertThat(enhanced.spanId()).isEqualTo(parentSpanId);
        assertThat(enhanced.isRoot()).isTrue();
        assertThat(enhanced.kind()).isEqualTo("CONSUMER");
        assertThat(enhanced.attributes()).containsEntry("tenant_id", "acme-corp").containsEntry("attempt", 2L)
                .containsEntry("confidence", 0.5).containsEntry("llm_used", true);
        assertThat(enhanced.duration()).isPositive();
        assertThat(posted.parentSpanId()).isEqualTo(parentSpanId);
        assertThat(posted.traceId()).isEqualTo(traceId);
        assertThat(posted.kind()).isEqualTo("INTERNAL");
        assertThat(posted.attribute("job_id")).isEqualTo("job-7");
        assertThat(posted.attribute("error.type")).isEqualTo("sdp_unavailable");
        assertThat(posted.statusCode()).isEqualTo(ReceivedSpan.STATUS_ERROR);
        assertThat(posted.linkedSpanIds()).containsExactly(parentSpanId);
        assertThat(collector.anyPayloadContains("TKT-7")).isTrue();
        assertThat(collector.anyPayloadContains("never-sent")).isFalse();
    }

    @Test
    void aCountingReceiverCountsSpansAndKeepsNone() {
        try (OtlpReceiver counting = OtlpReceiver.startCounting()) {
            OpenTelemetrySdk sdk = PlatformTracing.buildSdk(new TracingConfig().setEnabled(true)
                    .setEndpoint(counting.endpoint()), "webhook-gateway");
            PlatformTracing tracing = PlatformTracing.of(sdk);
            for (int i = 0; i < 3; i++) {
                tracing.span(SpanNames.WEBHOOK_RECEIVED).tenant("acme-corp").run(received -> { });
            }
            assertThat(sdk.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

            assertThat(counting.spanCount()).isEqualTo(3);
            assertThat(counting.spans()).isEmpty();
            assertThat(counting.anyPayloadContains("acme-corp")).isFalse();
        }
    }
}
