package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace crosses the Redis queue inside EnhancementJob.traceparent, as JSON, between two services' SDKs. */
class QueuePropagationTest {
    private static final ObjectMapper JSON = JsonMapper.create();
    private final InMemoryTracing traces = new InMemoryTracing();
    private final PlatformTracing gateway = traces.tracing("webhook-gateway");
    private final PlatformTracing worker = traces.tracing("enhancement-worker");

    @AfterEach
    void close() {
        traces.close();
    }

    /** What the gateway does: a job_queued span whose traceparent goes into the job, serialized for Redis. */
    private String enqueue(String tenantId, String ticketId, String jobId) throws Exception {
        try (SpanScope received = gateway.span(SpanNames.WEBHOOK_RECEIVED).kind(SpanKind.SERVER).tenant(tenantId).open();
             SpanScope queued = gateway.span(SpanNames.JOB_QUEUED).ticket(ticketId).job(jobId).open()) {
            assertThat(queued.traceparent()).isEqualTo(TraceContexts.currentTraceparent());
            EnhancementJob job = new EnhancementJob(jobId, tenantId, ticketId, EnhancementJob.REQUEST_CREATED,
                    "key-1", Instant.parse("2024-05-01T10:00:00Z"), 1, TraceContexts.currentTraceparent());
            return JSON.writeValueAsString(job);
        }
    }

    /** What the worker does with one claimed job: continue the job's trace, one step inside. */
    private void work(String json) throws Exception {
        EnhancementJob job = JSON.readValue(json, EnhancementJob.class);
        // the worker thread has no context of its own: whatever is current must not leak into the job's trace
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        worker.span(SpanNames.TICKET_ENHANCED)
                .parentTraceparent(job.traceparent())
                .kind(SpanKind.CONSUMER)
                .tenant(job.tenantId()).ticket(job.ticketId()).job(job.jobId()).attempt(job.attempt())
                .run(enhanced -> worker.span(SpanNames.ENHANCEMENT_POSTED).run(posted -> { }));
    }

    @Test
    void theWorkersSpansContinueTheGatewaysTraceAcrossTheQueue() throws Exception {
        String json = enqueue("acme-corp", "TKT-1", "job-1");
        assertThat(JSON.readTree(json).get("traceparent").asText()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]"); // sampled (and random trace id)

        work(json);

        SpanData received = traces.span(SpanNames.WEBHOOK_RECEIVED);
        SpanData queued = traces.span(SpanNames.JOB_QUEUED);
        SpanData enhanced = traces.span(SpanNames.TICKET_ENHANCED);
        SpanData posted = traces.span(SpanNames.ENHANCEMENT_POSTED);
        assertThat(List.of(queued, enhanced, posted)).extracting(SpanData::getTraceId).containsOnly(received.getTraceId());
        assertThat(queued.getParentSpanId()).isEqualTo(received.getSpanId());
        assertThat(enhanced.getParentSpanId()).isEqualTo(queued.getSpanId());
        assertThat(enhanced.getParentSpanContext().isRemote()).isTrue();
        assertThat(posted.getParentSpanId()).isEqualTo(enhanced.getSpanId());
        assertThat(enhanced.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("enhancement-worker");
        assertThat(queued.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("webhook-gateway");
        // tenant_id on every span: given once, inherited by the nested ones, and carried over by the job
        assertThat(traces.spans()).allSatisfy(span ->
                assertThat(span.getAttributes().get(AttributeKey.stringKey(TraceAttributes.TENANT_ID))).isEqualTo("acme-corp"));
        assertThat(posted.getAttributes().get(AttributeKey.stringKey(TraceAttributes.JOB_ID))).isEqualTo("job-1");
        assertThat(posted.getAttributes().get(AttributeKey.stringKey(TraceAttributes.TICKET_ID))).isEqualTo("TKT-1");
        assertThat(enhanced.getAttributes().get(AttributeKey.longKey(TraceAttributes.ATTEMPT))).isEqualTo(1L);
    }

    @Test
    void aRetriedJobRunsEachAttemptUnderTheSameTraceAndQueuedSpan() throws Exception {
        String first = enqueue("acme-corp", "TKT-2", "job-2");
        EnhancementJob job = JSON.readValue(first, EnhancementJob.class);
        String retry = JSON.writeValueAsString(job.nextAttempt());

        work(first);
        work(retry);

        SpanData queued = traces.span(SpanNames.JOB_QUEUED);
        List<SpanData> attempts = traces.spans().stream()
                .filter(span -> span.getName().equals(SpanNames.TICKET_ENHANCED)).toList();
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.getTraceId()).isEqualTo(queued.getTraceId());
            assertThat(attempt.getParentSpanId()).isEqualTo(queued.getSpanId());
        });
        assertThat(attempts).extracting(span -> span.getAttributes().get(AttributeKey.longKey(TraceAttributes.ATTEMPT)))
                .containsExactly(1L, 2L);
    }

    @Test
    void aJobWithoutOrWithABrokenTraceparentStartsANewTraceInsteadOfFailing() throws Exception {
        for (String broken : new String[] {null, "", "garbage", "00-00000000000000000000000000000000-0000000000000000-01"}) {
            assertThat(TraceContexts.fromTraceparent(broken)).isSameAs(Context.root());
        }
        EnhancementJob legacy = new EnhancementJob("job-3", "acme-corp", "TKT-3", EnhancementJob.REQUEST_CREATED,
                "key-3", Instant.now(), 1, null);
        work(JSON.writeValueAsString(legacy));

        SpanData enhanced = traces.span(SpanNames.TICKET_ENHANCED);
        assertThat(enhanced.getParentSpanContext().isValid()).isFalse();
        assertThat(enhanced.getTraceId()).matches("[0-9a-f]{32}");
    }

    @Test
    void noTraceparentOutsideASpanOrWithTracingOff() {
        assertThat(TraceContexts.currentTraceparent()).isNull();
        try (SpanScope off = PlatformTracing.disabled().span(SpanNames.JOB_QUEUED).tenant("acme-corp").open()) {
            assertThat(off.traceparent()).isNull();
            assertThat(TraceContexts.currentTraceparent()).isNull();
        }
        assertThat(traces.spans()).isEmpty();
    }

    @Test
    void aFailedStepIsMarkedWithItsTypeButNotItsMessage() {
        String secret = "sk-live-0123456789abcdef";
        assertThatThrownBy(() -> worker.span(SpanNames.LLM_CALL).tenant("acme-corp").run(span -> {
            throw new IllegalStateException("LLM refused key " + secret);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining(secret);
        SpanData llm = traces.span(SpanNames.LLM_CALL);
        assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(llm.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.lang.IllegalStateException");
        assertThat(traces.stringsContaining(secret)).isEmpty();
    }
}
