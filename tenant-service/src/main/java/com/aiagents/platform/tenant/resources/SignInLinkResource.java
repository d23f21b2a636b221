package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.SignedIn;
import com.aiagents.platform.tenant.core.SignInLinks;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** One-time sign-in links (docs/api/tenant-service.md#one-time-sign-in-links). */
@Path("/v1/auth/sign-in-links")
@Produces(MediaType.APPLICATION_JSON)
public class SignInLinkResource {
    private final SignInLinks links;

    public SignInLinkResource(SignInLinks links) {
        this.links = links;
    }

    /** An admin (a person or PLATFORM_ADMIN_TOKEN): {@code {"email"}} or {@code {"user_id"}} → 201 {@code {"code", "expires_in"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Auth PlatformPrincipal caller, JsonNode body) {
        SignInLinks.Created created = links.create(caller, SignInLinks.parse(body));
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("code", created.code(), "expires_in", created.expiresIn()))
                .build();
    }

    /** Public: {@code {"code"}} → the answer of {@code POST /v1/auth/login}, once. */
    @POST
    @Path("/redeem")
    @Consumes(MediaType.APPLICATION_JSON)
    public SignedIn redeem(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("code").isTextual() || body.size() != 1) {
            throw ApiException.badRequest("invalid_request", "the body must be {\"code\": \"...\"}");
        }
        return AuthResource.signedIn(links.redeem(body.get("code").asText()));
    }
}
