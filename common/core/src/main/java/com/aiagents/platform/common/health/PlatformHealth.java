package com.aiagents.platform.common.health;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthFactory;
import io.prometheus.client.CollectorRegistry;
import io.dropwizard.health.HealthCheckConfiguration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness on the admin port, from Dropwizard's health subsystem (the {@code health:}
 * section of a service's YAML). Each entry of {@code health.healthChecks} schedules one registered
 * health check; {@code critical: true} ones decide readiness, so only a service's own dependencies
 * are critical and a peer service is never one: two services can then never hold each other out of
 * rotation. {@code /healthcheck} still runs every check on demand.
 *
 * <p>Call at the end of {@code run}, once every check is registered.
 */
public final class PlatformHealth {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformHealth.class);

    private PlatformHealth() {
    }

    /** Mounts the admin responder and the {@code health_check_healthy} gauge; nothing when {@code health:} is absent. */
    public static void install(Environment environment, Optional<HealthFactory> health, CollectorRegistry metrics) {
        if (health.isEmpty() || !(health.get() instanceof DefaultHealthFactory factory) || !factory.isEnabled()) {
            return;
        }
        metrics.register(new HealthStates(environment.health().healthStateAggregator()));
        if (factory.getHealthResponderFactory() instanceof AdminHealthResponderFactory admin && admin.provider() != null) {
            environment.admin().addServlet("health-readiness", new HealthResponseServlet(admin.provider(), null))
                    .addMapping(admin.readinessPaths().toArray(String[]::new));
            environment.admin().addServlet("health-liveness", new HealthResponseServlet(admin.provider(), "alive"))
                    .addMapping(admin.getLivenessPaths().toArray(String[]::new));
        }
        Set<String> scheduled = factory.getHealthCheckConfigurations().stream()
                .map(HealthCheckConfiguration::getName).collect(Collectors.toSet());
        Set<String> unscheduled = new TreeSet<>(environment.healthChecks().getNames());
        unscheduled.removeAll(scheduled);
        if (!unscheduled.isEmpty()) {
            // only /healthcheck runs them: they neither count for readiness nor show in the gauge
            LOG.warn("event=health_checks_not_scheduled checks={} (add them to health.healthChecks)", unscheduled);
        }
    }
}
