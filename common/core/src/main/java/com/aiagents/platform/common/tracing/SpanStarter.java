package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Builds one of our spans: its parent (the current context unless told otherwise), the
 * platform's identity attributes (inherited from the enclosing span, so each nested step carries
 * {@code tenant_id}, {@code ticket_id} and {@code job_id}) and then runs work in it or opens it.
 * Obtain one from {@link PlatformTracing#span(String)}.
 */
public final class SpanStarter {
    private final Tracer tracer;
    private final String name;
    private Context parent;
    private SpanKind kind = SpanKind.INTERNAL;
    private String tenantId;
    private String ticketId;
    private String jobId;
    private Integer attempt;
    private String gate;
    private String onboardingId;
    private String step;
    private SpanContext link;

    SpanStarter(Tracer tracer, String name) {
        this.tracer = tracer;
        this.name = name;
    }

    /** The parent context, instead of the current one (e.g. {@link TraceContexts#fromTraceparent}). */
    public SpanStarter parent(Context parent) {
        this.parent = parent;
        return this;
    }

    /** Continue the trace a job's stored traceparent names (null or malformed: a new trace). */
    public SpanStarter parentTraceparent(String traceparent) {
        return parent(TraceContexts.fromTraceparent(traceparent));
    }

    public SpanStarter kind(SpanKind kind) {
        this.kind = kind;
        return this;
    }

    public SpanStarter tenant(String tenantId) {
        this.tenantId = TraceAttributes.safe(tenantId);
        return this;
    }

    public SpanStarter ticket(String ticketId) {
        this.ticketId = TraceAttributes.safe(ticketId);
        return this;
    }

    public SpanStarter job(String jobId) {
        this.jobId = TraceAttributes.safe(jobId);
        return this;
    }

    /** Which delivery attempt of a job this is (1 for the first). */
    public SpanStarter attempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public SpanStarter gate(String gate) {
        this.gate = TraceAttributes.safe(gate);
        return this;
    }

    public SpanStarter onboarding(String onboardingId) {
        this.onboardingId = TraceAttributes.safe(onboardingId);
        return this;
    }

    /** Which step of an onboarding ({@code create_tenant}, {@code run_gates}...). */
    public SpanStarter step(String step) {
        this.step = TraceAttributes.safe(step);
        return this;
    }

    /** A link to another span (e.g. an operator's re-queue request, for a dead-lettered job run again). */
    public SpanStarter link(SpanContext other) {
        this.link = other;
        return this;
    }

    /** Starts the span and makes it current until the returned scope is closed (same thread). */
    public SpanScope open() {
        Context base = base();
        TraceIdentity identity = identity(base);
        Span span = build(base, identity).startSpan();
        return new SpanScope(span, identity.storeIn(base.with(span)), identity);
    }

    /**
     * Starts the span without making it current: for work that ends on another thread than the one
     * it began on. See {@link DetachedSpan}.
     */
    public DetachedSpan start() {
        Context base = base();
        TraceIdentity identity = identity(base);
        Span span = build(base, identity).startSpan();
        return new DetachedSpan(span, identity.storeIn(base.with(span)));
    }

    private Context base() {
        return parent != null ? parent : Context.current();
    }

    private TraceIdentity identity(Context base) {
        return new TraceIdentity(tenantId, ticketId, jobId).orElse(TraceIdentity.in(base));
    }

    private SpanBuilder build(Context base, TraceIdentity identity) {
        SpanBuilder builder = identity.addTo(tracer.spanBuilder(name).setParent(base).setSpanKind(kind));
        if (attempt != null) {
            builder.setAttribute(TraceAttributes.ATTEMPT_KEY, attempt.longValue());
        }
        if (gate != null) {
            builder.setAttribute(TraceAttributes.GATE_KEY, gate);
        }
        if (onboardingId != null) {
            builder.setAttribute(TraceAttributes.ONBOARDING_ID_KEY, onboardingId);
        }
        if (step != null) {
            builder.setAttribute(TraceAttributes.STEP_KEY, step);
        }
        if (link != null && link.isValid()) {
            builder.addLink(link);
        }
        return builder;
    }

    /** Runs {@code work} in the span; an exception marks it failed (type only) and propagates. */
    public <T, E extends Exception> T call(SpanWork<T, E> work) throws E {
        try (SpanScope scope = open()) {
            try {
                return work.run(scope);
            } catch (Exception | Error e) {
                scope.fail(e);
                throw e;
            }
        }
    }

    /** {@link #call} for work without a result. */
    public <E extends Exception> void run(SpanAction<E> work) throws E {
        call(scope -> {
            work.run(scope);
            return null;
        });
    }

    /** Work that runs in a span and returns a result. */
    @FunctionalInterface
    public interface SpanWork<T, E extends Exception> {
        T run(SpanScope span) throws E;
    }

    /** Work that runs in a span. */
    @FunctionalInterface
    public interface SpanAction<E extends Exception> {
        void run(SpanScope span) throws E;
    }
}
