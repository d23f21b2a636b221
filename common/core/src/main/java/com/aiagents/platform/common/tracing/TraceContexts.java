package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context in and out of places that are not HTTP: the Redis job
 * ({@code EnhancementJob.traceparent}). The gateway stores {@link #currentTraceparent()} inside
 * its {@code job_queued} span; the worker opens {@code ticket_enhanced} with parent
 * {@link #fromTraceparent(String)} of the job it claimed. Retries and re-queued dead jobs keep the
 * job's traceparent, so every attempt is a child of the same {@code job_queued} span.
 */
public final class TraceContexts {
    public static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    /** Reads a carrier that is the traceparent value itself. */
    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContexts() {
    }

    /** The W3C {@code traceparent} of the current span, or null when there is none (tracing off). */
    public static String currentTraceparent() {
        return traceparentOf(Context.current());
    }

    /** The W3C {@code traceparent} of the span in {@code context}, or null when it has none. */
    public static String traceparentOf(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * A context whose parent span is the one {@code traceparent} names (remote), on top of the
     * root context; the root context when {@code traceparent} is null, blank or malformed, so the
     * work starts a new trace instead of failing.
     */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent.trim(), TRACEPARENT_ONLY);
    }
}
