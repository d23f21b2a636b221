package com.aiagents.platform.testing.otlp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One span as a collector received it over OTLP: ids in lower-case hex ({@code parentSpanId}
 * empty for a root), {@code kind} as OTLP names it ({@code SERVER}, {@code CLIENT},
 * {@code INTERNAL}...), attributes as String, Long, Double or Boolean.
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                           String kind, long startNanos, long endNanos, Map<String, Object> attributes,
                           List<String> linkedSpanIds, int statusCode) {
    public static final int STATUS_ERROR = 2;

    /** An attribute as text, or null when the span has none of that name. */
    public String attribute(String key) {
        Object value = attributes.get(key);
        return value == null ? null : value.toString();
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    public Duration duration() {
        return Duration.ofNanos(endNanos - startNanos);
    }
}
