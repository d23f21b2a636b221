package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Which tenant, ticket and job the current work is for, carried in the OpenTelemetry
 * {@link Context} next to the span, so every span opened inside (by {@link SpanStarter},
 * {@link TracingInterceptor}) carries them without each call site repeating them.
 */
public record TraceIdentity(String tenantId, String ticketId, String jobId) {
    static final TraceIdentity NONE = new TraceIdentity(null, null, null);
    private static final ContextKey<TraceIdentity> KEY = ContextKey.named("aiagents-trace-identity");

    /** The identity in {@code context}, or one with all fields null. */
    public static TraceIdentity in(Context context) {
        TraceIdentity identity = context.get(KEY);
        return identity == null ? NONE : identity;
    }

    public static TraceIdentity current() {
        return in(Context.current());
    }

    /** This identity, with each field that is null here taken from {@code outer}. */
    TraceIdentity orElse(TraceIdentity outer) {
        return new TraceIdentity(tenantId != null ? tenantId : outer.tenantId,
                ticketId != null ? ticketId : outer.ticketId,
                jobId != null ? jobId : outer.jobId);
    }

    /** Sets {@code tenant_id}, {@code ticket_id}, {@code job_id} on {@code span} for the fields that are known. */
    SpanBuilder addTo(SpanBuilder span) {
        if (tenantId != null) {
            span.setAttribute(TraceAttributes.TENANT_ID_KEY, tenantId);
        }
        if (ticketId != null) {
            span.setAttribute(TraceAttributes.TICKET_ID_KEY, ticketId);
        }
        if (jobId != null) {
            span.setAttribute(TraceAttributes.JOB_ID_KEY, jobId);
        }
        return span;
    }

    Context storeIn(Context context) {
        return this.equals(NONE) ? context : context.with(KEY, this);
    }
}
