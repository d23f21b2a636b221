package com.aiagents.platform.tenant.api;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A tenant as operators see it: every field except secret values (docs/api/tenant-service.md).
 * {@code servicedesk_private_networks} (admin-set) is left out of the listing, which does not read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantView(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("name") String name,
        @JsonProperty("tier") Tier tier,
        @JsonProperty("status") TenantStatus status,
        @JsonProperty("admin_contact_email") String adminContactEmail,
        @JsonProperty("servicedesk_url") String servicedeskUrl,
        @JsonProperty("servicedesk_edition") ServicedeskEdition servicedeskEdition,
        @JsonProperty("servicedesk_credentials") CredentialsSummary servicedeskCredentials,
        @JsonProperty("webhook_auth") WebhookAuthView webhookAuth,
        @JsonProperty("enhancement_preferences") EnhancementPreferences enhancementPreferences,
        @JsonProperty("rate_limits") RateLimits rateLimits,
        @JsonProperty("servicedesk_private_networks") List<String> servicedeskPrivateNetworks,
        @JsonProperty("servicedesk_msp") MspSettings servicedeskMsp,
        @JsonProperty("context_scope") ContextScope contextScope,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("onboarding_id") String onboardingId,
        @JsonProperty("llm_endpoint") LlmEndpointView llmEndpoint) {

    /** This view naming the onboarding that created the tenant (provisioning-service's rollback asks). */
    public TenantView withOnboardingId(String id) {
        return new TenantView(tenantId, name, tier, status, adminContactEmail, servicedeskUrl, servicedeskEdition,
                servicedeskCredentials, webhookAuth, enhancementPreferences, rateLimits, servicedeskPrivateNetworks,
                servicedeskMsp, contextScope, createdAt, updatedAt, id, llmEndpoint);
    }

    /** This view with the tenant's own LLM endpoint (absent when the platform's endpoint serves it). */
    public TenantView withLlmEndpoint(LlmEndpointView endpoint) {
        return new TenantView(tenantId, name, tier, status, adminContactEmail, servicedeskUrl, servicedeskEdition,
                servicedeskCredentials, webhookAuth, enhancementPreferences, rateLimits, servicedeskPrivateNetworks,
                servicedeskMsp, contextScope, createdAt, updatedAt, onboardingId, endpoint);
    }

    /** Whether credentials are on file, never what they are. */
    public record CredentialsSummary(@JsonProperty("configured") boolean configured) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookAuthView(
            @JsonProperty("mode") WebhookAuthMode mode,
            @JsonProperty("previous_secret_valid_until") Instant previousSecretValidUntil) {
    }
}
