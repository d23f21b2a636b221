package com.aiagents.platform.worker.core;

import com.aiagents.platform.worker.queue.ClaimedJob;
import com.aiagents.platform.worker.queue.JobOutcome;
import com.aiagents.platform.worker.queue.QueueConsumer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.time.Clock;
import java.time.Duration;

/** The worker's Prometheus metrics (docs/observability.md) plus token usage. */
public final class WorkerMetrics implements QueueConsumer.Listener {
    private final Counter requests;
    private final Histogram duration;
    private final Gauge active;
    private final Counter tokens;
    private final Counter givenBack;
    private final Counter sdpCredentialsRejected;
    private final Histogram webhookToNote;
    private final Counter feedback;
    private final Counter feedbackRetracted;
    private final Clock clock;

    public WorkerMetrics(CollectorRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    WorkerMetrics(CollectorRegistry registry, Clock clock) {
        this.clock = clock;
        requests = Counter.build("enhancement_requests_total",
                "Enhancement job attempts by outcome (posted, duplicate, recovered, retry, dead...)")
                .labelNames("tenant_id", "outcome").register(registry);
        duration = Histogram.build("enhancement_request_duration_seconds",
                "Time from claiming a job to its outcome, per attempt")
                .labelNames("tenant_id")
                .buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        active = Gauge.build("worker_active_tasks", "Jobs this worker process is running now").register(registry);
        tokens = Counter.build("enhancement_llm_tokens_total", "LLM tokens used, by kind (prompt, completion)")
                .labelNames("tenant_id", "kind").register(registry);
        givenBack = Counter.build("enhancement_jobs_given_back_total",
                "Jobs taken from a worker that did not finish them, by reason (worker_crashed: its heartbeat"
                        + " lapsed; deadline_exceeded: held past queue.jobDeadline) and result (requeued, dead_lettered)")
                .labelNames("reason", "result").register(registry);
        // The user-facing latency SLI (docs/observability.md): from the webhook's arrival to the note,
        // queue wait and retries included. Fleet-wide, no tenant label: 1,000 tenants x buckets would
        // be a series explosion; per-tenant latency is enhancement_request_duration_seconds.
        // a person must act (the key was revoked or rotated in SDP): the job is dead-lettered at once
        sdpCredentialsRejected = Counter.build("sdp_credentials_rejected_total",
                "Jobs whose tenant's SDP refused its credentials (4022 / HTTP 401)")
                .labelNames("tenant_id").register(registry);
        webhookToNote = Histogram.build("enhancement_webhook_to_note_seconds",
                "Time from the webhook's acceptance by the gateway (or, for a job deferred under its tenant's rate, from its release) to the note posted on the ticket")
                .buckets(1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800)
                .register(registry);
        feedback = Counter.build("enhancement_feedback_total",
                "Technicians' votes on notes stored (helpful, not_helpful): a first vote, or a change of vote;"
                        + " a repeated click counts nothing")
                .labelNames("tenant_id", "vote").register(registry);
        feedbackRetracted = Counter.build("enhancement_feedback_retracted_total",
                "Votes replaced by a technician's change of vote, by the vote replaced: the latest vote counts,"
                        + " so feedback_total minus this is the votes that stand")
                .labelNames("tenant_id", "vote").register(registry);
    }

    @Override
    public void givenBack(String reason, boolean deadLettered, long count) {
        if (count > 0) {
            givenBack.labels(reason, deadLettered ? "dead_lettered" : "requeued").inc(count);
        }
    }

    @Override
    public void activeTasks(int count) {
        active.set(count);
    }

    @Override
    public void finished(ClaimedJob job, JobOutcome outcome, boolean retried) {
        String label;
        if (outcome instanceof JobOutcome.Done done) {
            label = done.label();
        } else if (outcome instanceof JobOutcome.Later) {
            label = "deferred";
        } else if (retried) {
            label = "retry";
        } else {
            label = "dead";
        }
        requests.labels(job.tenantId(), label).inc();
        if (outcome instanceof JobOutcome.Dead dead && "sdp_authentication".equals(dead.reason())) {
            sdpCredentialsRejected.labels(job.tenantId()).inc();
        }
        if ("posted".equals(label) && job.job().queuedSince() != null) {
            // From release for a job the gateway deferred under its tenant's rate (the SLI's definition).
            Duration sinceWebhook = Duration.between(job.job().queuedSince(), clock.instant());
            webhookToNote.observe(Math.max(0, sinceWebhook.toMillis()) / 1000.0);
        }
    }

    public void observeDuration(String tenantId, double seconds) {
        duration.labels(tenantId).observe(seconds);
    }

    public void tokens(String tenantId, Integer prompt, Integer completion) {
        if (prompt != null) {
            tokens.labels(tenantId, "prompt").inc(prompt);
        }
        if (completion != null) {
            tokens.labels(tenantId, "completion").inc(completion);
        }
    }

    /** A change of vote: {@code retracted}, the vote it replaced, stops counting. */
    public void feedbackChanged(String tenantId, String vote, String retracted) {
        feedback(tenantId, vote);
        feedbackRetracted.labels(tenantId, retracted).inc();
    }

    public void feedback(String tenantId, String vote) {
        feedback.labels(tenantId, vote).inc();
    }
}
