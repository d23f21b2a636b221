package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The job the gateway enqueues for each accepted webhook (docs/queue.md). {@code eventKey}
 * identifies the ticket event across SDP's retries, so the worker posts one note per event;
 * {@code traceparent} carries the W3C trace context across the queue. {@code attempt} counts every
 * attempt that did not finish, including those of a worker that died or missed the job's deadline;
 * {@code reaps} counts the deaths alone (a job that kills every worker that takes it ends in the
 * dead letters as {@code worker_crashed} after a few). {@code releasedAt} is set when a job deliberately
 * held back is handed to the workers: by the gateway when it releases a job it had deferred under
 * the tenant's rate limit, by an operator's re-queue of a dead letter. The webhook-to-note latency
 * of such a job counts from then, since the wait before it was the tenant's own storm or a dead
 * letter's time on the shelf, not queueing.
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
        @JsonProperty("traceparent") String traceparent,
        @JsonProperty("reaps") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int reaps,
        @JsonProperty("released_at") Instant releasedAt) {

    public static final String REQUEST_CREATED = "request_created";
    public static final String REQUEST_UPDATED = "request_updated";

    /** A new job (never reaped). */
    public EnhancementJob(String jobId, String tenantId, String ticketId, String event, String eventKey,
                          Instant receivedAt, int attempt, String traceparent) {
        this(jobId, tenantId, ticketId, event, eventKey, receivedAt, attempt, traceparent, 0, null);
    }

    /** A job that was never deferred. */
    public EnhancementJob(String jobId, String tenantId, String ticketId, String event, String eventKey,
                          Instant receivedAt, int attempt, String traceparent, int reaps) {
        this(jobId, tenantId, ticketId, event, eventKey, receivedAt, attempt, traceparent, reaps, null);
    }

    /**
     * When the job's wait for a worker began: its release if the gateway deferred it, else its
     * receipt. The webhook-to-note latency objective is measured from here.
     */
    public Instant queuedSince() {
        return releasedAt != null ? releasedAt : receivedAt;
    }

    /** The same job, one attempt later (for retries). */
    public EnhancementJob nextAttempt() {
        return new EnhancementJob(jobId, tenantId, ticketId, event, eventKey, receivedAt, attempt + 1, traceparent, reaps, releasedAt);
    }

    /**
     * The same job as new, for an operator's re-queue of a dead letter: its wait for a worker starts
     * again at {@code requeuedAt} (the time it spent dead was nobody's queue wait).
     */
    public EnhancementJob fresh(Instant requeuedAt) {
        return new EnhancementJob(jobId, tenantId, ticketId, event, eventKey, receivedAt, 0, traceparent, 0, requeuedAt);
    }
}
