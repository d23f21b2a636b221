package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tenant's own LLM endpoint as operators see it: where and which model, and only whether a key is set. */
public record LlmEndpointView(
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("model") String model,
        @JsonProperty("api_key_configured") boolean apiKeyConfigured) {
}
