package com.aiagents.platform.sdpsim.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code PATCH /sim/instances/<name>}: replace the webhook, remove it, change some faults, or
 * revoke every access token a cloud instance has minted (clients must then refresh).
 */
public record PatchInstanceRequest(
        @JsonProperty("webhook") WebhookSpec webhook,
        @JsonProperty("remove_webhook") Boolean removeWebhook,
        @JsonProperty("faults") FaultsSpec faults,
        @JsonProperty("revoke_access_tokens") Boolean revokeAccessTokens) {

    public boolean removesWebhook() {
        return Boolean.TRUE.equals(removeWebhook);
    }

    public boolean revokesAccessTokens() {
        return Boolean.TRUE.equals(revokeAccessTokens);
    }
}
