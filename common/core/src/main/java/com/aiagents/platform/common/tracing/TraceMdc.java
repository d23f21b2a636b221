package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts {@code trace_id}, {@code span_id} (and {@code tenant_id}, {@code ticket_id}, {@code job_id}
 * when known) into the SLF4J MDC while a span is current, and restores what was there before on
 * close. The server filter and {@link SpanScope} open one, so every log line written inside a
 * request or a span names its trace: a log pattern with {@code %X} (or {@code %X{trace_id}})
 * shows them. Close on the thread that opened it.
 */
public final class TraceMdc implements AutoCloseable {
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private final Map<String, String> previous = new LinkedHashMap<>();
    private boolean closed;

    private TraceMdc() {
    }

    /** Opens the MDC entries for {@code span} (nothing for an invalid span context) and {@code identity}. */
    public static TraceMdc open(SpanContext span, TraceIdentity identity) {
        TraceMdc mdc = new TraceMdc();
        if (span.isValid()) {
            mdc.put(TRACE_ID, span.getTraceId());
            mdc.put(SPAN_ID, span.getSpanId());
        }
        mdc.put(TraceAttributes.TENANT_ID, identity.tenantId());
        mdc.put(TraceAttributes.TICKET_ID, identity.ticketId());
        mdc.put(TraceAttributes.JOB_ID, identity.jobId());
        return mdc;
    }

    /** Adds (or replaces) one entry until {@link #close()}; null values are ignored. */
    public TraceMdc put(String key, String value) {
        if (value == null || closed) {
            return this;
        }
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(key, value);
        return this;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
