package com.aiagents.platform.common.metrics;

import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.hotspot.DefaultExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;

/**
 * A service's Prometheus metrics at {@code GET /metrics} on the admin port: its own collectors
 * ({@link #registry()}), the JVM's, its circuit breakers' states ({@link CircuitBreakerStates}), and
 * Dropwizard's (Jetty, Jersey, health...) translated.
 *
 * <p>Each application gets its own {@link CollectorRegistry}, never the static default one, so
 * several services can run in one JVM (tests do).
 */
public final class PrometheusMetrics {
    private final CollectorRegistry registry = new CollectorRegistry(true);
    private final CollectorRegistry exposition = new CollectorRegistry();

    PrometheusMetrics(com.codahale.metrics.MetricRegistry dropwizard) {
        DefaultExports.register(registry);
        exposition.register(new ExpositionCollector(registry, new DropwizardExports(dropwizard)));
    }

    public static PrometheusMetrics install(Environment environment) {
        PrometheusMetrics metrics = new PrometheusMetrics(environment.metrics());
        metrics.registry.register(new CircuitBreakerStates(environment.healthChecks()));
        // An exact mapping wins over the admin servlet's /*, which would answer /metrics with Dropwizard's JSON.
        environment.admin().addServlet("prometheus-metrics", new MetricsServlet(metrics.exposition)).addMapping("/metrics");
        return metrics;
    }

    /** Where a service registers its own collectors: {@code Counter.build()...register(metrics.registry())}. */
    public CollectorRegistry registry() {
        return registry;
    }

    /** Everything {@code /metrics} shows. */
    CollectorRegistry exposition() {
        return exposition;
    }
}
