package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.db.ReconciliationState;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import java.time.Duration;
import java.time.Instant;

/**
 * Per tenant, what the webhook-silence alert and the dashboards read (docs/reconciliation.md).
 * Every worker replica exports the same values, read from the shared state after each interval
 * whichever replica ran the pass, so {@code max by (tenant_id)} is right and no series goes stale
 * on the replica that happened to run the previous pass.
 */
public final class ReconciliationMetrics {
    private final Gauge lastWebhook;
    private final Gauge lastPass;
    private final Gauge silenceSeconds;
    private final Gauge silent;
    private final Counter found;
    private final Counter passes;

    public ReconciliationMetrics(CollectorRegistry registry) {
        lastWebhook = Gauge.build("webhook_last_received_timestamp_seconds",
                "When the gateway last accepted an authenticated webhook of the tenant (0: none in the last 30 days)")
                .labelNames("tenant_id").register(registry);
        lastPass = Gauge.build("reconciliation_last_pass_timestamp_seconds",
                "When the tenant's last reconciliation pass ended").labelNames("tenant_id").register(registry);
        silenceSeconds = Gauge.build("webhook_silence_seconds",
                "How long SDP has shown a ticket created after the tenant's last webhook (0: none)")
                .labelNames("tenant_id").register(registry);
        silent = Gauge.build("webhook_silent",
                "1 when webhook_silence_seconds has reached reconciliation.webhookSilenceAfter")
                .labelNames("tenant_id").register(registry);
        found = Counter.build("reconciliation_tickets_found_total",
                "Ticket events queued by reconciliation: request_created ones had no enhancement at all "
                        + "(their webhook never reached a worker)")
                .labelNames("tenant_id", "event").register(registry);
        passes = Counter.build("reconciliation_passes_total",
                "Reconciliation passes run by this worker, by outcome (completed, budget_spent, failed)")
                .labelNames("outcome").register(registry);
    }

    public void found(TenantId tenant, String event) {
        found.labels(tenant.value(), event).inc();
    }

    public void pass(String outcome) {
        passes.labels(outcome).inc();
    }

    /** Sets the tenant's gauges from its shared state and the gateway's last webhook time. */
    public void show(TenantId tenant, ReconciliationState state, Instant lastWebhookAt, Instant now,
                     Duration silenceAfter) {
        lastWebhook.labels(tenant.value()).set(seconds(lastWebhookAt));
        lastPass.labels(tenant.value()).set(seconds(state.lastPassAt()));
        long silence = WebhookSilence.seconds(state.unannouncedSince(), lastWebhookAt, now);
        silenceSeconds.labels(tenant.value()).set(silence);
        silent.labels(tenant.value()).set(silence >= silenceAfter.toSeconds() && silence > 0 ? 1 : 0);
    }

    /** A tenant no longer active: its series go, so a removed tenant cannot keep an alert firing. */
    public void forget(TenantId tenant) {
        lastWebhook.remove(tenant.value());
        lastPass.remove(tenant.value());
        silenceSeconds.remove(tenant.value());
        silent.remove(tenant.value());
    }

    private static double seconds(Instant at) {
        return at == null ? 0 : at.toEpochMilli() / 1000.0;
    }
}
