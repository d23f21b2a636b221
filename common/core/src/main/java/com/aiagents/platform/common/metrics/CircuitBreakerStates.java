package com.aiagents.platform.common.metrics;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;

/**
 * {@code circuit_breaker_open{circuit}}: 1 while a circuit breaker is open, else 0, read at scrape
 * time from the health checks named {@code <circuit>-circuit} (e.g. webhook-gateway's
 * {@code tenant-service-circuit}, the worker's {@code llm-circuit}). Those report a breaker's state
 * and nothing else (unhealthy exactly while it is open), so running them per scrape costs nothing;
 * no other health check is run here, since those call PostgreSQL, Redis and peers.
 */
final class CircuitBreakerStates extends Collector implements Collector.Describable {
    static final String NAME = "circuit_breaker_open";
    static final String SUFFIX = "-circuit";
    private final HealthCheckRegistry checks;

    CircuitBreakerStates(HealthCheckRegistry checks) {
        this.checks = checks;
    }

    /** The family's name, so the registry refuses a second collector of it although there may be no sample yet. */
    @Override
    public List<MetricFamilySamples> describe() {
        return List.of(family());
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily open = family();
        for (String name : checks.getNames()) {
            if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                HealthCheck.Result result = checks.runHealthCheck(name);
                open.addMetric(List.of(name.substring(0, name.length() - SUFFIX.length())), result.isHealthy() ? 0 : 1);
            }
        }
        return open.samples.isEmpty() ? List.of() : List.of(open);
    }

    private static GaugeMetricFamily family() {
        return new GaugeMetricFamily(NAME,
                "1 while the circuit breaker is open (calls to its dependency are refused), else 0", List.of("circuit"));
    }
}
