package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * A started span that is not current on any thread, for work that begins on one thread and ends
 * on another (an onboarding: its first step runs on the request thread, the others on a worker).
 * Nested spans name it as their parent ({@code tracing.span(...).parent(detached.context())}, or
 * run under {@code detached.context().wrap(...)}); {@link #end()} ends it from whichever thread
 * finishes the work. Obtain one from {@link SpanStarter#start()}.
 */
public final class DetachedSpan {
    private final Span span;
    private final Context context;

    DetachedSpan(Span span, Context context) {
        this.span = span;
        this.context = context;
    }

    /** The context with this span (and its tenant identity), to parent the work's nested spans. */
    public Context context() {
        return context;
    }

    /** Marks the span failed with a short error type, as {@link SpanScope#fail(String)} does. */
    public DetachedSpan fail(String errorType) {
        SpanScope.markFailed(span, errorType);
        return this;
    }

    /** Ends the span; once, from any thread. */
    public void end() {
        span.end();
    }
}
