package com.aiagents.platform.gates;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.fasterxml.jackson.annotation.JsonProperty;

/** LLM_BASE_URL / LLM_API_KEY: optional; gate 4 checks the endpoint only when one is configured. */
public class LlmSettings {
    @JsonProperty
    private String baseUrl = "";

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String apiKey = "";

    public boolean configured() {
        return !PlatformConfigs.isUnset(baseUrl);
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public String getApiKey() {
        return PlatformConfigs.isUnset(apiKey) ? "" : apiKey;
    }
}
