package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One bearer token in the {@code auth.tokens} config list: {@code name}, {@code role}, and either
 * {@code token} (plain, usually {@code ${PLATFORM_ADMIN_TOKEN}}) or {@code tokenSha256} (hex).
 * A plain token is hashed as soon as it is bound and the plain value is not kept.
 */
public class TokenConfig {
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private String name;
    private Role role;
    private byte[] tokenHash;
    private int tokenLength;
    private String tokenSha256;

    public TokenConfig() {
    }

    public static TokenConfig plain(String name, Role role, String token) {
        TokenConfig config = named(name, role);
        config.setToken(token);
        return config;
    }

    public static TokenConfig hashed(String name, Role role, String tokenSha256) {
        TokenConfig config = named(name, role);
        config.setTokenSha256(tokenSha256);
        return config;
    }

    private static TokenConfig named(String name, Role role) {
        TokenConfig config = new TokenConfig();
        config.setName(name);
        config.setRole(role);
        return config;
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public Role getRole() {
        return role;
    }

    @JsonProperty
    public void setRole(Role role) {
        this.role = role;
    }

    /** Write-only: there is deliberately no getter, and only the hash and the length are kept. */
    @JsonProperty("token")
    public void setToken(String token) {
        if (PlatformConfigs.isUnset(token)) {
            tokenHash = null;
            tokenLength = 0;
        } else {
            tokenHash = Sha256.of(token);
            tokenLength = token.length();
        }
    }

    @JsonProperty
    public String getTokenSha256() {
        return tokenSha256;
    }

    @JsonProperty
    public void setTokenSha256(String tokenSha256) {
        this.tokenSha256 = tokenSha256;
    }

    /**
     * The credential this entry configures, or empty when its token is unset (an environment variable
     * that is empty or missing). Messages name the entry, never its token.
     *
     * @throws IllegalArgumentException when the entry is incomplete, ambiguous or its token too short
     */
    Optional<TokenCredential> credential() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("auth.tokens: every entry needs a name");
        }
        if (role == null) {
            throw new IllegalArgumentException("auth token '" + name + "' needs a role: admin, operator, viewer or service");
        }
        if (role.tenantBound()) {
            throw new IllegalArgumentException("auth token '" + name + "' has the role " + role.value()
                    + ", which only a person's access token can carry (it names the person's tenant); a static token"
                    + " may be admin, operator, viewer or service");
        }
        if (role == Role.SERVICE && PlatformService.named(name).isEmpty()) {
            throw new IllegalArgumentException("auth token '" + name + "' has the service role, so its name must be the"
                    + " service it identifies: webhook-gateway, enhancement-worker, gates-runner or provisioning-service");
        }
        boolean hashGiven = !PlatformConfigs.isUnset(tokenSha256);
        if (tokenHash != null && hashGiven) {
            throw new IllegalArgumentException("auth token '" + name + "' sets both token and tokenSha256; set one");
        }
        if (hashGiven) {
            if (!SHA256_HEX.matcher(tokenSha256.trim()).matches()) {
                throw new IllegalArgumentException("auth token '" + name + "': tokenSha256 must be 64 hex characters");
            }
            return Optional.of(new TokenCredential(name, role, HexFormat.of().parseHex(tokenSha256.trim())));
        }
        if (tokenHash == null) {
            return Optional.empty();
        }
        if (tokenLength < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("auth token '" + name + "' is too short: at least "
                    + MIN_TOKEN_LENGTH + " characters are required");
        }
        return Optional.of(new TokenCredential(name, role, tokenHash.clone()));
    }
}
