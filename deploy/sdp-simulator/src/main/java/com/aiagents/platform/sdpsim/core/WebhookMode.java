package com.aiagents.platform.sdpsim.core;

import java.util.Arrays;
import java.util.Optional;

/** How outgoing webhooks prove where they come from (docs/api/webhook-gateway.md). */
public enum WebhookMode {
    /** {@code X-ServiceDesk-Signature}: lowercase hex HMAC-SHA256 of the raw body with the secret. */
    HMAC("hmac"),
    /** {@code X-Webhook-Token}: the secret itself, as a real SDP can send without scripting. */
    TOKEN("token");

    private final String wireName;

    WebhookMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
