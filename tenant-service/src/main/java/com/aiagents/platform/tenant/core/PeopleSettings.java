package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.AuthConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * tenant-service's {@code auth} section: the bearer tokens every service has ({@link AuthConfig}),
 * plus what signing people in needs (docs/people-and-access.md):
 * <pre>
 * auth:
 *   users:
 *     issuer: ${AUTH_ISSUER:-ai-agents-platform}   # the iss of the tokens signed here ({@code getUsers().getIssuer()})
 *   accessTokenTtl: ${AUTH_ACCESS_TOKEN_TTL:-15 minutes}
 *   signInLinkTtl: 2 minutes                # a one-time sign-in link's lifetime
 *   signingKeys: ${AUTH_SIGNING_KEYS:-}      # a JWK set of private EC P-256 keys; the first signs
 *   signIn:
 *     maxFailuresPerAccount: 5
 *     maxFailuresPerAddress: 20
 *     failureWindow: 15 minutes
 *   oidc: ...                                 # {@link OidcSettings}
 * </pre>
 */
public class PeopleSettings extends AuthConfig {
    @NotNull
    private Duration accessTokenTtl = Duration.minutes(15);

    /** Write-only: the private keys are never serialized back. */
    private JsonNode signingKeys;

    @Valid
    @NotNull
    private SignInThrottling signIn = new SignInThrottling();

    /** Signing in with an OpenID Connect provider (OIDC_*); off while its issuer is empty. */
    @Valid
    @NotNull
    private OidcSettings oidc = new OidcSettings();

    @JsonProperty
    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    @JsonProperty
    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    /**
     * AUTH_SIGNING_KEYS: the JWK set, as JSON text or (when the YAML parser read the substituted
     * JSON as a mapping) as that mapping. Unset or empty: an ephemeral key (see {@code SigningKeys}).
     */
    @JsonProperty("signingKeys")
    public void setSigningKeys(JsonNode signingKeys) {
        this.signingKeys = signingKeys;
    }

    /** The configured key set as JSON text, or empty when unset. */
    public String signingKeysJson() {
        if (signingKeys == null || signingKeys.isNull() || signingKeys.isMissingNode()) {
            return "";
        }
        return signingKeys.isTextual() ? signingKeys.asText().trim() : signingKeys.toString();
    }

    /** How long a one-time sign-in link's code stays valid (docs/people-and-access.md#one-time-sign-in-links). */
    @NotNull
    private Duration signInLinkTtl = Duration.minutes(2);

    @JsonProperty
    public Duration getSignInLinkTtl() {
        return signInLinkTtl;
    }

    @JsonProperty
    public void setSignInLinkTtl(Duration signInLinkTtl) {
        this.signInLinkTtl = signInLinkTtl;
    }

    @JsonProperty
    public SignInThrottling getSignIn() {
        return signIn;
    }

    @JsonProperty
    public void setSignIn(SignInThrottling signIn) {
        this.signIn = signIn;
    }

    @JsonProperty
    public OidcSettings getOidc() {
        return oidc;
    }

    @JsonProperty
    public void setOidc(OidcSettings oidc) {
        this.oidc = oidc;
    }

    /** How many failed sign-ins, per account and per client address, a window admits before 429. */
    public static class SignInThrottling {
        @Min(1)
        private int maxFailuresPerAccount = 5;

        @Min(1)
        private int maxFailuresPerAddress = 20;

        @NotNull
        private Duration failureWindow = Duration.minutes(15);

        @JsonProperty
        public int getMaxFailuresPerAccount() {
            return maxFailuresPerAccount;
        }

        @JsonProperty
        public void setMaxFailuresPerAccount(int maxFailuresPerAccount) {
            this.maxFailuresPerAccount = maxFailuresPerAccount;
        }

        @JsonProperty
        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        @JsonProperty
        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        @JsonProperty
        public Duration getFailureWindow() {
            return failureWindow;
        }

        @JsonProperty
        public void setFailureWindow(Duration failureWindow) {
            this.failureWindow = failureWindow;
        }
    }
}
