package com.aiagents.platform.gateway.core;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import com.aiagents.platform.api.TenantId;
import java.util.Map;

/**
 * {@code webhook_requests_total{tenant_id,result}}, {@code webhook_request_duration_seconds{result}}
 * and {@code redis_queue_depth{queue}} of the tenants' deferred lanes ({@code {enhancement_queue}:deferred:<tenant_id>},
 * the worker reports the other lists).
 * Only tenants the registry knows become a {@code tenant_id} label value; everything else is
 * {@code unknown}, so random ids in URLs cannot blow up Prometheus' series count.
 */
public final class GatewayMetrics {
    public static final String UNKNOWN_TENANT = "unknown";

    private final Counter requests;
    private final Histogram duration;
    private final Gauge deferredDepth;

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
        this.deferredDepth = Gauge.build("redis_queue_depth", "Jobs waiting in a Redis queue list, by key")
                .labelNames("queue")
                .register(registry);
    }

    /** @param knownTenant a tenant id the registry returned, or null */
    public void record(String knownTenant, WebhookOutcome outcome, long elapsedNanos) {
        requests.labels(knownTenant == null ? UNKNOWN_TENANT : knownTenant, outcome.label()).inc();
        duration.labels(outcome.label()).observe(elapsedNanos / 1e9);
    }

    /** Each deferred tenant's lane length; a lane that emptied is reported once more, at zero. */
    public void deferred(Map<String, Long> depthByTenant) {
        depthByTenant.forEach((tenant, depth) -> deferredDepth.labels(DeferredRelease.laneKey(
                TenantId.of(tenant))).set(depth));
    }
}
