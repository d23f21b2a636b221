package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the gateway authenticates a tenant's webhooks (docs/api/webhook-gateway.md). */
public enum WebhookAuthMode {
    @JsonProperty("hmac") HMAC,
    @JsonProperty("token") TOKEN;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static WebhookAuthMode fromWire(String value) {
        return WireEnum.parse(WebhookAuthMode.class, "webhook_auth.mode", value);
    }
}
