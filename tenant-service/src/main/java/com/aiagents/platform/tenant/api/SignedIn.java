package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/login}'s answer. */
public record SignedIn(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("user") UserView user) {
}
