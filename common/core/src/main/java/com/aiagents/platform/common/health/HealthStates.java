package com.aiagents.platform.common.health;

import io.dropwizard.health.HealthStateAggregator;
import io.dropwizard.health.HealthStateView;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;

/**
 * {@code health_check_healthy{check,critical}}: 1 while a scheduled health check is healthy, else 0,
 * as the health subsystem last saw it (read at scrape time; nothing is run). A non-critical check at
 * 0 is a degraded dependency (a peer service, an open circuit) that readiness deliberately ignores.
 */
final class HealthStates extends Collector implements Collector.Describable {
    static final String NAME = "health_check_healthy";
    private final HealthStateAggregator states;

    HealthStates(HealthStateAggregator states) {
        this.states = states;
    }

    @Override
    public List<MetricFamilySamples> describe() {
        return List.of(family());
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily healthy = family();
        for (HealthStateView view : states.healthStateViews()) {
            healthy.addMetric(List.of(view.getName(), Boolean.toString(view.isCritical())), view.isHealthy() ? 1 : 0);
        }
        return List.of(healthy);
    }

    private static GaugeMetricFamily family() {
        return new GaugeMetricFamily(NAME, "1 while the scheduled health check passes, else 0 (critical=true: it decides readiness)",
                List.of("check", "critical"));
    }
}
