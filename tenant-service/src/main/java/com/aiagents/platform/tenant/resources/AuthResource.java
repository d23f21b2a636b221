package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.SignedIn;
import com.aiagents.platform.tenant.api.UserView;
import com.aiagents.platform.tenant.core.SignIn;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/** Signing in and out (docs/people-and-access.md). */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final SignIn signIn;

    public AuthResource(SignIn signIn) {
        this.signIn = signIn;
    }

    /** Public: {@code {"email", "password"}} → a short-lived access token. */
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public SignedIn login(@Context HttpServletRequest request, JsonNode body) {
        if (body == null || !body.isObject() || !body.path("email").isTextual() || !body.path("password").isTextual()
                || body.size() != 2) {
            throw ApiException.badRequest("invalid_request", "the body must be {\"email\": \"...\", \"password\": \"...\"}");
        }
        SignIn.Session session = signIn.login(body.get("email").asText(), body.get("password").asText(),
                request.getRemoteAddr());
        return signedIn(session);
    }

    /** The answer of every sign-in: login and a redeemed one-time link. */
    static SignedIn signedIn(SignIn.Session session) {
        long expiresIn = Math.max(0, Duration.between(Instant.now(), session.token().expiresAt()).toSeconds());
        return new SignedIn(session.token().token(), "Bearer", expiresIn, UserView.of(session.user()));
    }

    /** Revokes the presented access token's session, here and (through the feed) in every service. */
    @POST
    @Path("/logout")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    public Response logout(@Auth PlatformPrincipal caller) {
        if (caller.person() == null) { // a configured token: known, but no session to end
            throw ApiException.forbidden("forbidden", caller.name() + " is no signed-in person");
        }
        signIn.logout(caller.person());
        return Response.noContent().build();
    }
}
