package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The 201 answer to a create: the record plus, this once, the webhook secret. */
public record CreatedTenant(
        @JsonUnwrapped TenantView tenant,
        @JsonProperty("webhook") WebhookInstructions webhook) {
}
