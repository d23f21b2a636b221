package com.aiagents.platform.common.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/**
 * The static tokens first (services, the break-glass admin), then, for what looks like a JWT, a
 * person's access token. Without a verifier (people's tokens not configured) only static tokens pass.
 */
final class PlatformAuthenticator implements Authenticator<String, PlatformPrincipal> {
    private final BearerTokenAuthenticator staticTokens;
    private final UserTokenVerifier people;

    PlatformAuthenticator(BearerTokenAuthenticator staticTokens, UserTokenVerifier people) {
        this.staticTokens = staticTokens;
        this.people = people;
    }

    @Override
    public Optional<PlatformPrincipal> authenticate(String token) {
        Optional<PlatformPrincipal> known = staticTokens.authenticate(token);
        if (known.isPresent() || people == null || token == null || !UserTokenVerifier.looksLikeJwt(token)) {
            return known;
        }
        return people.verify(token);
    }
}
