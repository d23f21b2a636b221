package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A service whose resource fails in every way the error contract covers. Dropwizard's default mappers stay on. */
public class ErrorsTestApp extends Application<Configuration> {
    static final String SECRET_DETAIL = "secret-detail-4711";

    @Override
    public void run(Configuration configuration, Environment environment) {
        // Dropwizard's mapper ignores unknown properties; services that reject them (tenant-service's
        // enhancement_preferences, docs/api/tenant-service.md) turn this on, and unknown fields must then be reported by name.
        environment.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonErrors.register(environment);
        environment.jersey().register(new FailingResource());
    }

    public record Preferences(@JsonProperty("max_tokens") @Max(4000) int maxTokens) {
    }

    public record Payload(
            @JsonProperty("tenant_id") @NotBlank String tenantId,
            @JsonProperty("enhancement_preferences") @Valid Preferences preferences,
            @JsonProperty("count") int count) {
    }

    @Path("/test")
    @Produces(MediaType.APPLICATION_JSON)
    public static class FailingResource {
        @GET
        @Path("ok")
        public String ok() {
            return "{}";
        }

        @GET
        @Path("api")
        public String api() {
            throw ApiException.tooManyRequests("rate_limited", "tenant is over its request rate", 7);
        }

        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalArgumentException(SECRET_DETAIL);
        }

        @GET
        @Path("illegal-state")
        public String illegalState() {
            throw new IllegalStateException(SECRET_DETAIL);
        }

        @GET
        @Path("wae-500")
        public String webApplication500() {
            throw new WebApplicationException(SECRET_DETAIL, 500);
        }

        @GET
        @Path("not-found-with-message")
        public String notFound() {
            throw new NotFoundException("tenant acme-corp does not exist");
        }

        @GET
        @Path("bare-404")
        public Response bare404() {
            return Response.status(404).build();
        }

        @GET
        @Path("limited")
        public String limited(@QueryParam("limit") @Min(1) int limit) {
            return "{}";
        }

        @POST
        @Path("payload")
        @Consumes(MediaType.APPLICATION_JSON)
        public String payload(@NotNull @Valid Payload payload) {
            return "{}";
        }
    }
}
