package com.aiagents.platform.common.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;

/**
 * The {@code auth.users} section: how a service verifies people's access tokens (ES256 JWTs issued
 * by tenant-service) and follows revoked sessions. Every field has a default; docs/people-and-access.md
 * ("Verifying tokens in every service") explains the bounds.
 * <pre>
 * auth:
 *   users:
 *     issuer: ${AUTH_ISSUER:-ai-agents-platform}
 *     revocationPollInterval: ${AUTH_REVOCATION_POLL_INTERVAL:-10s}
 *     revocationMaxStaleness: ${AUTH_REVOCATION_MAX_STALENESS:-30s}
 * </pre>
 */
public class UserTokensConfig {
    /** The {@code aud} every access token carries. */
    public static final String AUDIENCE = "ai-agents-platform";

    private boolean enabled = true;
    private String issuer = "ai-agents-platform";
    private String issuerUrl;
    private Duration clockSkew = Duration.seconds(30);
    private Duration maxTokenLifetime = Duration.hours(1);
    private Duration jwksCacheTtl = Duration.minutes(5);
    private Duration jwksRefetchMinInterval = Duration.seconds(30);
    private Duration revocationPollInterval = Duration.seconds(10);
    private Duration revocationMaxStaleness = Duration.seconds(30);

    /** False: only static tokens are accepted (people's tokens are 401). */
    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The {@code iss} a token must carry. */
    @JsonProperty
    public String getIssuer() {
        return issuer;
    }

    @JsonProperty
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    /**
     * Where the JWKS and the revocation feed are (tenant-service's app URL). Unset: the URL the
     * service already has for tenant-service.
     */
    @JsonProperty
    public String getIssuerUrl() {
        return issuerUrl;
    }

    @JsonProperty
    public void setIssuerUrl(String issuerUrl) {
        this.issuerUrl = issuerUrl;
    }

    /** Tolerance on {@code exp}, {@code nbf} and {@code iat} for clocks that differ. */
    @JsonProperty
    public Duration getClockSkew() {
        return clockSkew;
    }

    @JsonProperty
    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /**
     * The longest {@code exp - iat} accepted; a revoked session is remembered this long (plus the
     * skew), so no token outlives the memory of its revocation.
     */
    @JsonProperty
    public Duration getMaxTokenLifetime() {
        return maxTokenLifetime;
    }

    @JsonProperty
    public void setMaxTokenLifetime(Duration maxTokenLifetime) {
        this.maxTokenLifetime = maxTokenLifetime;
    }

    /** How long fetched keys are used before the JWKS is read again (a key rotated out stops working after this). */
    @JsonProperty
    public Duration getJwksCacheTtl() {
        return jwksCacheTtl;
    }

    @JsonProperty
    public void setJwksCacheTtl(Duration jwksCacheTtl) {
        this.jwksCacheTtl = jwksCacheTtl;
    }

    /** A token with an unknown {@code kid} refetches the JWKS, at most about once per this interval. */
    @JsonProperty
    public Duration getJwksRefetchMinInterval() {
        return jwksRefetchMinInterval;
    }

    @JsonProperty
    public void setJwksRefetchMinInterval(Duration jwksRefetchMinInterval) {
        this.jwksRefetchMinInterval = jwksRefetchMinInterval;
    }

    /** How often the revoked-sessions feed is read ({@code AUTH_REVOCATION_POLL_INTERVAL}). */
    @JsonProperty
    public Duration getRevocationPollInterval() {
        return revocationPollInterval;
    }

    @JsonProperty
    public void setRevocationPollInterval(Duration revocationPollInterval) {
        this.revocationPollInterval = revocationPollInterval;
    }

    /**
     * The bound: when the feed was last read longer ago than this, people's tokens are refused (fail
     * closed) while static tokens keep working; so a revoked session is refused everywhere at most
     * this long after tenant-service revoked it ({@code AUTH_REVOCATION_MAX_STALENESS}).
     */
    @JsonProperty
    public Duration getRevocationMaxStaleness() {
        return revocationMaxStaleness;
    }

    @JsonProperty
    public void setRevocationMaxStaleness(Duration revocationMaxStaleness) {
        this.revocationMaxStaleness = revocationMaxStaleness;
    }

    /** @throws IllegalArgumentException when the settings contradict each other */
    void check() {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("auth.users.issuer must be set");
        }
        if (revocationPollInterval.toMilliseconds() <= 0
                || revocationPollInterval.toMilliseconds() * 2 > revocationMaxStaleness.toMilliseconds()) {
            throw new IllegalArgumentException("auth.users.revocationPollInterval (AUTH_REVOCATION_POLL_INTERVAL) must be"
                    + " positive and at most half of revocationMaxStaleness, so one lost poll does not refuse every person");
        }
        if (jwksRefetchMinInterval.toMilliseconds() >= jwksCacheTtl.toMilliseconds()) {
            throw new IllegalArgumentException("auth.users.jwksRefetchMinInterval must be shorter than jwksCacheTtl");
        }
    }
}
