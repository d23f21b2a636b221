package com.aiagents.platform.common.health;

import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import java.util.concurrent.atomic.AtomicBoolean;

/** A service with its own store and one peer, each a switchable health check, and PlatformHealth installed. */
public class HealthTestApp extends Application<Configuration> {
    static final AtomicBoolean STORE_UP = new AtomicBoolean(true);
    static final AtomicBoolean PEER_UP = new AtomicBoolean(true);

    @Override
    public void run(Configuration configuration, Environment environment) {
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        environment.healthChecks().register("own-store", switchable(STORE_UP));
        environment.healthChecks().register("peer", switchable(PEER_UP));
        PlatformHealth.install(environment, configuration.getHealthFactory(), metrics.registry());
    }

    private static HealthCheck switchable(AtomicBoolean up) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return up.get() ? Result.healthy() : Result.unhealthy("down");
            }
        };
    }
}
