package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.OAuthClient;
import com.aiagents.platform.sdpsim.core.Secrets;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code "oauth": {...}} of a cloud instance: the Zoho client its token endpoint accepts. Values
 * left out are generated (and shown once, in the create reply).
 */
public record OAuthClientSpec(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("access_token_ttl_seconds") Integer accessTokenTtlSeconds) {

    static final int DEFAULT_TTL_SECONDS = 3600;
    static final int MAX_TTL_SECONDS = 86_400;

    public static OAuthClient generated() {
        return new OAuthClientSpec(null, null, null, null).toClient();
    }

    public OAuthClient toClient() {
        int ttl = accessTokenTtlSeconds == null ? DEFAULT_TTL_SECONDS : accessTokenTtlSeconds;
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            throw SimApiException.badRequest("invalid-oauth", "oauth.access_token_ttl_seconds must be 1.." + MAX_TTL_SECONDS);
        }
        return new OAuthClient(
                orGenerated(clientId, "1000." + Secrets.randomHex(12).toUpperCase(Locale.ROOT)),
                orGenerated(clientSecret, Secrets.randomHex(20)),
                orGenerated(refreshToken, "1000." + Secrets.randomHex(16) + "." + Secrets.randomHex(16)),
                Duration.ofSeconds(ttl));
    }

    private static String orGenerated(String given, String generated) {
        return given == null || given.isBlank() ? generated : given;
    }

    @Override
    public String toString() {
        return "OAuthClientSpec[clientId=" + clientId + ", clientSecret=***, refreshToken=***]";
    }
}
