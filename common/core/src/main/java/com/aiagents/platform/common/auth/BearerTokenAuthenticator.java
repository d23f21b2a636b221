package com.aiagents.platform.common.auth;

import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token a request presents. The presented token is hashed and compared with
 * every configured hash in constant time, all of them every time, so timing reveals nothing.
 */
public class BearerTokenAuthenticator implements Authenticator<String, PlatformPrincipal> {
    private final List<TokenCredential> credentials;

    public BearerTokenAuthenticator(AuthConfig config) {
        this(config.credentials());
    }

    BearerTokenAuthenticator(List<TokenCredential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    @Override
    public Optional<PlatformPrincipal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = Sha256.of(token);
        TokenCredential match = null;
        for (TokenCredential credential : credentials) {
            boolean equal = MessageDigest.isEqual(presented, credential.sha256());
            if (equal && match == null) {
                match = credential;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new PlatformPrincipal(match.name(), match.role()));
    }
}
