package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.worker.queue.QueueDepths;
import com.aiagents.platform.worker.queue.QueueKeys;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Gauge;
import java.util.Map;

/**
 * {@code redis_queue_depth{queue}}: ingress, dead, delayed and every tenant's list, by key name,
 * refreshed periodically (so a scrape never waits on Redis).
 */
public final class QueueDepthGauge {
    private final QueueDepths depths;
    private final Gauge gauge;

    public QueueDepthGauge(QueueDepths depths, CollectorRegistry registry) {
        this.depths = depths;
        this.gauge = Gauge.build("redis_queue_depth", "Jobs waiting in a Redis queue list, by key")
                .labelNames("queue").register(registry);
    }

    public QueueDepths.Snapshot refresh() {
        QueueDepths.Snapshot s = depths.snapshot();
        gauge.labels(QueueNames.INGRESS).set(s.ingress());
        gauge.labels(QueueNames.DEAD).set(s.dead());
        gauge.labels(QueueKeys.DELAYED).set(s.delayed());
        for (Map.Entry<String, Long> e : s.perTenant().entrySet()) {
            gauge.labels(QueueKeys.TENANT_PREFIX + e.getKey()).set(e.getValue());
        }
        return s;
    }
}
