package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tenant's own OpenAI-compatible chat-completions endpoint ("bring your own LLM"): the base URL
 * ({@code .../v1}, to which {@code /chat/completions} and {@code /models} are appended), the API key
 * sent as {@code Authorization: Bearer}, and the model to ask for. Part of the runtime config only
 * for the services that call it (the worker and gate 4); it holds the decrypted key, so
 * {@link #toString()} is redacted.
 */
public record TenantLlmEndpoint(
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("model") String model) {

    @Override
    public String toString() {
        return "TenantLlmEndpoint[base_url=" + baseUrl + ", model=" + model + ", api_key redacted]";
    }
}
