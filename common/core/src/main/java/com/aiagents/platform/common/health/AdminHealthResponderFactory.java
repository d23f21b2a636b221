package com.aiagents.platform.common.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.health.HealthEnvironment;
import io.dropwizard.health.response.HealthResponderFactory;
import io.dropwizard.health.response.HealthResponseProvider;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.validation.constraints.NotEmpty;
import java.util.Collection;
import java.util.List;

/**
 * {@code health.responder.type: admin}: Dropwizard's health responder, served on the admin port
 * (beside {@code /healthcheck}, {@code /ping} and {@code /metrics}) instead of the application port,
 * which Dropwizard's own {@code servlet} responder uses and which the gateway exposes to the internet.
 *
 * <p>Dropwizard hands a responder factory only the application's servlets, before
 * {@code Application.run}; so this one keeps what it was given and {@link PlatformHealth#install}
 * mounts it on the admin port. Readiness answers at {@code healthCheckUrlPaths} (default
 * {@code /health-check}); liveness, the {@code alive} checks only, at {@link #getLivenessPaths()}.
 */
@JsonTypeName("admin")
public class AdminHealthResponderFactory implements HealthResponderFactory {
    @NotEmpty
    private List<String> livenessPaths = List.of("/health-check/alive");

    private volatile HealthResponseProvider provider;
    private volatile List<String> readinessPaths = List.of();

    @JsonProperty
    public List<String> getLivenessPaths() {
        return livenessPaths;
    }

    @JsonProperty
    public void setLivenessPaths(List<String> livenessPaths) {
        this.livenessPaths = List.copyOf(livenessPaths);
    }

    @Override
    public void configure(String name, Collection<String> healthCheckUrlPaths, HealthResponseProvider healthResponseProvider,
                          HealthEnvironment health, JerseyEnvironment jersey, ServletEnvironment servlets,
                          ObjectMapper mapper) {
        this.provider = healthResponseProvider;
        this.readinessPaths = List.copyOf(healthCheckUrlPaths);
    }

    /** Null until Dropwizard has configured the health subsystem (it does so before {@code run}). */
    HealthResponseProvider provider() {
        return provider;
    }

    List<String> readinessPaths() {
        return readinessPaths;
    }
}
