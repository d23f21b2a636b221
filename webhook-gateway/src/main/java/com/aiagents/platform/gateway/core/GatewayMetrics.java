package com.aiagents.platform.gateway.core;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/**
 * {@code webhook_requests_total{tenant_id,result}} and {@code webhook_request_duration_seconds{result}}.
 * Only tenants the registry knows become a {@code tenant_id} label value; everything else is
 * {@code unknown}, so random ids in URLs cannot blow up Prometheus' series count.
 */
public final class GatewayMetrics {
    public static final String UNKNOWN_TENANT = "unknown";

    private final Counter requests;
    private final Histogram duration;

    public GatewayMetrics(CollectorRegistry registry) {
        this.requests = Counter.build()
                .name("webhook_requests_total")
                .help("Webhook deliveries by tenant and result.")
                .labelNames("tenant_id", "result")
                .register(registry);
        this.duration = Histogram.build()
                .name("webhook_request_duration_seconds")
                .help("Time from receiving a webhook to answering it, by result.")
                .labelNames("result")
                .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(registry);
    }

    /** @param knownTenant a tenant id the registry returned, or null */
    public void record(String knownTenant, WebhookOutcome outcome, long elapsedNanos) {
        requests.labels(knownTenant == null ? UNKNOWN_TENANT : knownTenant, outcome.label()).inc();
        duration.labels(outcome.label()).observe(elapsedNanos / 1e9);
    }
}
