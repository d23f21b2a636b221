package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The job the gateway enqueues for each accepted webhook (docs/queue.md). {@code eventKey}
 * identifies the ticket event across SDP's retries, so the worker posts one note per event;
 * {@code traceparent} carries the W3C trace context across the queue.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnhancementJob(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("ticket_id") String ticketId,
        @JsonProperty("event") String event,
        @JsonProperty("event_key") String eventKey,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("traceparent") String traceparent) {

    public static final String REQUEST_CREATED = "request_created";
    public static final String REQUEST_UPDATED = "request_updated";

    /** The same job, one attempt later (for retries). */
    public EnhancementJob nextAttempt() {
        return new EnhancementJob(jobId, tenantId, ticketId, event, eventKey, receivedAt, attempt + 1, traceparent);
    }
}
