package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.tenant.api.OidcAuthorization;
import com.aiagents.platform.tenant.api.OidcStatus;
import com.aiagents.platform.tenant.api.SignedIn;
import com.aiagents.platform.tenant.api.UserView;
import com.aiagents.platform.tenant.core.OidcSignIn;
import com.aiagents.platform.tenant.core.SignIn;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;

/**
 * Signing in with OpenID Connect (docs/people-and-access.md, "Signing in with OpenID Connect"), for
 * the console as a backend-for-frontend: it keeps the PKCE verifier, the state and the nonce in its
 * own session, tenant-service keeps the client secret. All three are public, like the password login.
 */
@Path("/v1/auth/oidc")
@Produces(MediaType.APPLICATION_JSON)
public class OidcResource {
    private final OidcSignIn oidc;

    public OidcResource(OidcSignIn oidc) {
        this.oidc = oidc;
    }

    /** Whether the console shows the provider's button, and its label. */
    @GET
    public OidcStatus status() {
        return new OidcStatus(oidc.enabled(), oidc.displayName());
    }

    /** {@code {"redirect_uri", "state", "nonce", "code_challenge"}} → the provider's authorization URL. */
    @POST
    @Path("/authorize")
    @Consumes(MediaType.APPLICATION_JSON)
    public OidcAuthorization authorize(JsonNode body) {
        return new OidcAuthorization(oidc.authorize(OidcSignIn.parseAuthorize(body)));
    }

    /** {@code {"code", "code_verifier", "redirect_uri", "nonce"}} → the same answer as {@code POST /v1/auth/login}. */
    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    public SignedIn token(JsonNode body) {
        SignIn.Session session = oidc.token(OidcSignIn.parseToken(body));
        long expiresIn = Math.max(0, Duration.between(Instant.now(), session.token().expiresAt()).toSeconds());
        return new SignedIn(session.token().token(), "Bearer", expiresIn, UserView.of(session.user()));
    }
}
