package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/oidc/authorize}: where to send the browser. */
public record OidcAuthorization(@JsonProperty("authorization_url") String authorizationUrl) {
}
