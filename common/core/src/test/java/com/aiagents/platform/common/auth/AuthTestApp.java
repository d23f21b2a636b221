package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.errors.JsonErrors;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.auth.Auth;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * A service with an operator endpoint, service-only internal endpoints (one for gates-runner, one
 * for provisioning-service, one that names no service) and a public one.
 */
public class AuthTestApp extends Application<AuthTestApp.Config> {

    public static class Config extends Configuration {
        @Valid
        @NotNull
        @JsonProperty
        public AuthConfig auth = new AuthConfig();
    }

    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        PlatformConfigs.enableEnvironmentSubstitution(bootstrap);
    }

    @Override
    public void run(Config configuration, Environment environment) {
        JsonErrors.register(environment);
        PlatformAuth.register(environment, configuration.auth);
        environment.jersey().register(new OperatorResource());
        environment.jersey().register(new InternalResource());
        environment.jersey().register(new UndecidedResource());
        environment.jersey().register(new PublicResource());
    }

    @Path("/v1/whoami")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public static class OperatorResource {
        @GET
        public Map<String, String> whoami(@Auth PlatformPrincipal caller) {
            return Map.of("name", caller.name(), "role", caller.role().value());
        }
    }

    @Path("/internal")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SERVICE)
    @AllowedServices(PlatformService.GATES)
    public static class InternalResource {
        @GET
        @Path("/ping")
        public Map<String, String> ping(@Auth PlatformPrincipal caller) {
            return Map.of("name", caller.getName());
        }

        @GET
        @Path("/onboarding")
        @AllowedServices(PlatformService.PROVISIONING)
        public Map<String, String> onboarding(@Auth PlatformPrincipal caller) {
            return Map.of("name", caller.getName());
        }
    }

    /** Admits the service role but names no service: no service may call it. */
    @Path("/internal/undecided")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SERVICE)
    public static class UndecidedResource {
        @GET
        public Map<String, String> undecided() {
            return Map.of("status", "ok");
        }
    }

    @Path("/public")
    @Produces(MediaType.APPLICATION_JSON)
    public static class PublicResource {
        @GET
        public Map<String, String> open() {
            return Map.of("status", "ok");
        }
    }
}
