package com.aiagents.platform.common.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code auth} section of a service's config:
 * <pre>
 * auth:
 *   tokens:
 *     - name: platform-admin
 *       role: admin
 *       token: ${PLATFORM_ADMIN_TOKEN:-}
 *     - name: ci
 *       role: viewer
 *       tokenSha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *   users:            # people's access tokens, see UserTokensConfig
 *     revocationPollInterval: ${AUTH_REVOCATION_POLL_INTERVAL:-10s}
 * </pre>
 */
public class AuthConfig {
    private static final Logger LOG = LoggerFactory.getLogger(AuthConfig.class);

    @NotNull
    private List<TokenConfig> tokens = new ArrayList<>();

    @NotNull
    @Valid
    private UserTokensConfig users = new UserTokensConfig();

    public AuthConfig() {
    }

    public AuthConfig(List<TokenConfig> tokens) {
        this.tokens = new ArrayList<>(tokens);
    }

    @JsonProperty
    public List<TokenConfig> getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(List<TokenConfig> tokens) {
        this.tokens = tokens == null ? new ArrayList<>() : tokens;
    }

    @JsonProperty
    public UserTokensConfig getUsers() {
        return users;
    }

    @JsonProperty
    public void setUsers(UserTokensConfig users) {
        this.users = users == null ? new UserTokensConfig() : users;
    }

    /**
     * Checks every entry and returns the usable ones. An entry whose token is unset is skipped with
     * a warning naming the entry; any other mistake stops the service.
     */
    List<TokenCredential> credentials() {
        List<TokenCredential> credentials = new ArrayList<>();
        for (TokenConfig token : tokens) {
            Optional<TokenCredential> credential = token.credential();
            if (credential.isEmpty()) {
                LOG.warn("auth token '{}' is not set (empty or unresolved environment variable); it is skipped",
                        token.getName());
                continue;
            }
            for (TokenCredential earlier : credentials) {
                if (MessageDigest.isEqual(earlier.sha256(), credential.get().sha256())) {
                    throw new IllegalArgumentException("auth tokens '" + earlier.name() + "' and '"
                            + credential.get().name() + "' are the same token; each entry needs its own");
                }
            }
            credentials.add(credential.get());
        }
        if (credentials.isEmpty()) {
            LOG.warn("no bearer token is configured: every endpoint that requires a role will answer 401");
        }
        return List.copyOf(credentials);
    }
}
