package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.BearerTokenAuthenticator;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.errors.ErrorResponses;
import com.aiagents.platform.tenant.core.AccessTokens;
import com.aiagents.platform.tenant.core.Caller;
import com.aiagents.platform.tenant.db.SessionRepository;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Who calls the people endpoints, checked here in tenant-service until the platform-wide principal
 * (common/core) carries people: an access token is verified against tenant-service's own keys and
 * its session must be live in the database (so sign-out and deletion take effect here at once); a
 * configured bearer token of a person's role (PLATFORM_ADMIN_TOKEN) is accepted where
 * {@link #personOrToken} is used. Missing or invalid: 401 JSON with {@code WWW-Authenticate}.
 * These endpoints carry no {@code @RolesAllowed}, so the shared bearer filter does not run on them.
 */
public final class Callers {
    private final AccessTokens tokens;
    private final TenantDatabase database;
    private final SessionRepository sessions;
    private final BearerTokenAuthenticator configuredTokens;

    public Callers(AccessTokens tokens, TenantDatabase database, SessionRepository sessions,
                   BearerTokenAuthenticator configuredTokens) {
        this.tokens = tokens;
        this.database = database;
        this.sessions = sessions;
        this.configuredTokens = configuredTokens;
    }

    /** A signed-in person with a live session; a configured token (known, but no person) is 403. */
    public Caller person(HttpHeaders headers) {
        String token = bearer(headers);
        Optional<Caller> person = signedIn(token);
        if (person.isPresent()) {
            return person.get();
        }
        var principal = configuredTokens.authenticate(token).orElseThrow(Callers::unauthorized);
        throw ApiException.forbidden("forbidden", principal.name() + " is no signed-in person");
    }

    /** A signed-in person, or a configured admin/operator/viewer token; a service token is 403. */
    public Caller personOrToken(HttpHeaders headers) {
        String token = bearer(headers);
        Optional<Caller> person = signedIn(token);
        if (person.isPresent()) {
            return person.get();
        }
        var principal = configuredTokens.authenticate(token).orElseThrow(Callers::unauthorized);
        return Caller.token(principal).orElseThrow(() -> ApiException.forbidden("forbidden",
                principal.name() + " may not call this endpoint"));
    }

    private Optional<Caller> signedIn(String token) {
        Optional<AccessTokens.Claims> claims = tokens.verify(token);
        if (claims.isEmpty() || !database.withoutTenant(handle -> sessions.live(handle, claims.get().sid()))) {
            return Optional.empty();
        }
        return Optional.of(Caller.person(claims.get()));
    }

    private static String bearer(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized();
        }
        return value.substring(7).trim();
    }

    static NotAuthorizedException unauthorized() {
        return new NotAuthorizedException(Response.fromResponse(
                        ErrorResponses.of(401, "unauthorized", "missing or invalid bearer token"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ai-agents-platform\"")
                .build());
    }
}
