package com.aiagents.platform.tenant.api;

import com.aiagents.platform.api.WebhookAuthMode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What an MSP pastes into SDP's webhook settings. Carries the secret, so it is returned exactly
 * once: in the answer to the create or rotate call that generated it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookInstructions(
        @JsonProperty("url") String url,
        @JsonProperty("mode") WebhookAuthMode mode,
        @JsonProperty("secret") String secret,
        @JsonProperty("signature_header") String signatureHeader,
        @JsonProperty("previous_secret_valid_until") Instant previousSecretValidUntil) {

    public static String headerFor(WebhookAuthMode mode) {
        return mode == WebhookAuthMode.TOKEN ? "X-Webhook-Token" : "X-ServiceDesk-Signature";
    }

    @Override
    public String toString() {
        return "WebhookInstructions[url=" + url + ", mode=" + mode + ", secret redacted]";
    }
}
