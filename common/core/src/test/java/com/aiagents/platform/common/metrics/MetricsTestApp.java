package com.aiagents.platform.common.metrics;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import com.codahale.metrics.health.HealthCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.client.Counter;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A service with one labelled counter of its own, one Jersey resource (so Jersey timers exist), a
 * circuit breaker reported by a health check named {@code peer-circuit}, and a dependency check
 * that counts how often it runs.
 */
public class MetricsTestApp extends Application<Configuration> {
    static final CircuitBreaker PEER_CIRCUIT = CircuitBreaker.ofDefaults("peer");
    static final AtomicInteger DATABASE_CHECK_RUNS = new AtomicInteger();

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        // The real jar registers Dropwizard's JVM gauges (jvm.threads.count...) via Application.run(String...),
        // which the test support skips; register them here so their names are checked too.
        bootstrap.registerMetrics();
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        Counter webhooks = Counter.build()
                .name("webhook_requests_total")
                .help("Webhook deliveries by tenant and result.")
                .labelNames("tenant_id", "result")
                .register(metrics.registry());
        webhooks.labels("acme-corp", "accepted").inc(3);
        environment.jersey().register(new HelloResource());
        environment.healthChecks().register("peer-circuit", new HealthCheck() {
            @Override
            protected Result check() {
                return PEER_CIRCUIT.getState() == CircuitBreaker.State.OPEN ? Result.unhealthy("open") : Result.healthy();
            }
        });
        environment.healthChecks().register("database", new HealthCheck() {
            @Override
            protected Result check() {
                DATABASE_CHECK_RUNS.incrementAndGet();
                return Result.healthy();
            }
        });
    }

    @Path("/hello")
    public static class HelloResource {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String hello() {
            return "hello";
        }
    }
}
