package com.aiagents.platform.common.openapi;

import io.dropwizard.core.setup.Environment;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * {@code GET /openapi.json} on the application port: the service's OpenAPI 3 document. Public, like
 * any published API description (it names routes and roles, never a secret); built from the
 * resources on the first call, when every resource is registered, and kept.
 */
@Path(OpenApiResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Hidden
public final class OpenApiResource {
    public static final String PATH = "/openapi.json";

    private final String service;
    private final ResourceConfig jersey;
    private volatile String document;

    private OpenApiResource(String service, ResourceConfig jersey) {
        this.service = service;
        this.jersey = jersey;
    }

    /** Every service calls this in {@code run}, with its application name. */
    public static void register(Environment environment, String service) {
        environment.jersey().register(new OpenApiResource(service, environment.jersey().getResourceConfig()));
    }

    @GET
    public String document() {
        String built = document;
        if (built == null) {
            built = OpenApiDocuments.json(OpenApiDocuments.of(service, jersey));
            document = built;
        }
        return built;
    }
}
