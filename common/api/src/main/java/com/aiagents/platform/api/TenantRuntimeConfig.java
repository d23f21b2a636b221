package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What the services need about a tenant at run time, served by tenant-service's internal endpoint
 * to service identities only, each getting only the parts it uses (the others are absent, null).
 * Holds decrypted secrets: never log it ({@link #toString()} is redacted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantRuntimeConfig(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("status") TenantStatus status,
        @JsonProperty("tier") Tier tier,
        @JsonProperty("webhook") Webhook webhook,
        @JsonProperty("rate_limits") RateLimits rateLimits,
        @JsonProperty("servicedesk") Servicedesk servicedesk,
        @JsonProperty("enhancement_preferences") EnhancementPreferences enhancementPreferences,
        @JsonProperty("llm_endpoint") TenantLlmEndpoint llmEndpoint,
        @JsonProperty("context_scope") ContextScope contextScope) {

    /** Without a context scope (tenant-service decides it; absent: by edition, see {@link #effectiveContextScope}). */
    public TenantRuntimeConfig(String tenantId, TenantStatus status, Tier tier, Webhook webhook, RateLimits rateLimits,
                               Servicedesk servicedesk, EnhancementPreferences enhancementPreferences,
                               TenantLlmEndpoint llmEndpoint) {
        this(tenantId, status, tier, webhook, rateLimits, servicedesk, enhancementPreferences, llmEndpoint, null);
    }

    /** Without the tenant's own LLM endpoint (the platform's endpoint, if any, serves it). */
    public TenantRuntimeConfig(String tenantId, TenantStatus status, Tier tier, Webhook webhook, RateLimits rateLimits,
                               Servicedesk servicedesk, EnhancementPreferences enhancementPreferences) {
        this(tenantId, status, tier, webhook, rateLimits, servicedesk, enhancementPreferences, null, null);
    }

    /** The scope the worker keeps a ticket's context to; absent (an older tenant-service): by edition. */
    public ContextScope effectiveContextScope() {
        if (contextScope != null) {
            return contextScope;
        }
        return ContextScope.defaultFor(servicedesk == null ? null : servicedesk.edition());
    }

    /** Current secret, and the previous one while a rotation's grace period lasts. */
    public record Webhook(
            @JsonProperty("mode") WebhookAuthMode mode,
            @JsonProperty("secret") String secret,
            @JsonProperty("previous_secret") String previousSecret,
            @JsonProperty("previous_secret_expires_at") Instant previousSecretExpiresAt) {

        /** The previous secret if it is still within its grace period at {@code now}. */
        public String previousSecretValidAt(Instant now) {
            return previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)
                    ? previousSecret
                    : null;
        }

        @Override
        public String toString() {
            return "Webhook[mode=" + mode + ", secrets redacted]";
        }
    }

    /**
     * @param privateNetworks the tenant's admin-set {@code servicedesk_private_networks} (CIDRs its SDP
     *                        may resolve to besides public addresses); empty when none
     * @param msp             MSP edition only: the accounts covered and gate 3's account and site
     */
    public record Servicedesk(
            @JsonProperty("edition") ServicedeskEdition edition,
            @JsonProperty("url") String url,
            @JsonProperty("credentials") ServicedeskCredentials credentials,
            @JsonProperty("private_networks") List<String> privateNetworks,
            @JsonProperty("msp") MspSettings msp) {

        public Servicedesk {
            privateNetworks = privateNetworks == null ? List.of() : List.copyOf(privateNetworks);
        }

        public Servicedesk(ServicedeskEdition edition, String url, ServicedeskCredentials credentials,
                           List<String> privateNetworks) {
            this(edition, url, credentials, privateNetworks, null);
        }

        public Servicedesk(ServicedeskEdition edition, String url, ServicedeskCredentials credentials) {
            this(edition, url, credentials, List.of(), null);
        }

        @Override
        public String toString() {
            return "Servicedesk[edition=" + edition + ", url=" + url + ", credentials redacted]";
        }
    }

    @Override
    public String toString() {
        return "TenantRuntimeConfig[tenant_id=" + tenantId + ", status=" + status + ", tier=" + tier + "]";
    }
}
