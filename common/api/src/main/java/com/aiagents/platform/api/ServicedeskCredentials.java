package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tenant's SDP credentials: the technician API key on-prem, Zoho OAuth values on cloud.
 * Travels only on the internal (service-role) API; {@link #toString()} never prints a value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServicedeskCredentials(
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("accounts_url") String accountsUrl) {

    public static ServicedeskCredentials onPrem(String apiKey) {
        return new ServicedeskCredentials(apiKey, null, null, null, null);
    }

    public static ServicedeskCredentials cloud(
            String clientId, String clientSecret, String refreshToken, String accountsUrl) {
        return new ServicedeskCredentials(null, clientId, clientSecret, refreshToken, accountsUrl);
    }

    @Override
    public String toString() {
        return "ServicedeskCredentials[redacted]";
    }
}
