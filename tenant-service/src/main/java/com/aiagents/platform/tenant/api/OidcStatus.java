package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/auth/oidc}: whether signing in with the identity provider is offered, and its button's label. */
public record OidcStatus(
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("display_name") String displayName) {
}
