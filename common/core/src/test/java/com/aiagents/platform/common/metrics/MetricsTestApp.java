package com.aiagents.platform.common.metrics;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.Counter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A service with one labelled counter of its own and one Jersey resource (so Jersey timers exist). */
public class MetricsTestApp extends Application<Configuration> {
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
