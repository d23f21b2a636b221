package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A started span that is current (with its trace ids and identity in the MDC) until
 * {@link #close()}, which ends it. Use in try-with-resources on one thread:
 * <pre>
 * try (SpanScope step = tracing.span(SpanNames.SYNTHESIS).open()) {
 *     ...
 * } </pre>
 */
public final class SpanScope implements AutoCloseable {
    private final Span span;
    private final Context context;
    private final Scope scope;
    private final TraceMdc mdc;
    private boolean closed;

    SpanScope(Span span, Context context, TraceIdentity identity) {
        this.span = span;
        this.context = context;
        this.scope = context.makeCurrent();
        this.mdc = TraceMdc.open(span.getSpanContext(), identity);
    }

    /** The span, for adding an attribute: identifiers and numbers only (see {@link TraceAttributes}). */
    public Span span() {
        return span;
    }

    /** The context this span is current in, for handing work to another thread ({@code context.wrap(...)}). */
    public Context context() {
        return context;
    }

    /** This span's W3C traceparent (what goes into {@code EnhancementJob.traceparent}), or null when tracing is off. */
    public String traceparent() {
        return TraceContexts.traceparentOf(context);
    }

    /**
     * Marks the span failed with {@code error.type} = the exception's class name. The message is
     * never recorded: exception messages may hold URLs, bodies or worse.
     */
    public SpanScope fail(Throwable error) {
        return fail(error.getClass().getName());
    }

    /** Marks the span failed with a short error type ({@code sdp_unavailable}, {@code 503}...). */
    public SpanScope fail(String errorType) {
        markFailed(span, errorType);
        return this;
    }

    /** Status ERROR and {@code error.type}: the one way our spans say they failed (no message, no stack). */
    static void markFailed(Span span, String errorType) {
        span.setAttribute(TraceAttributes.ERROR_TYPE, TraceAttributes.safe(errorType));
        span.setStatus(StatusCode.ERROR);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        mdc.close();
        scope.close();
        span.end();
    }
}
