package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import java.util.Map;

/**
 * The header SDP sends with a webhook, for the tenant's current secret (docs/api/webhook-gateway.md):
 * {@code hmac} → {@code X-ServiceDesk-Signature} with the hex HMAC-SHA256 of the raw body,
 * {@code token} → {@code X-Webhook-Token} with the secret itself. The values are secrets or derived
 * from one: they go on the wire and nowhere else.
 */
final class WebhookAuthHeaders {
    static final String SIGNATURE = "X-ServiceDesk-Signature";
    static final String TOKEN = "X-Webhook-Token";

    private WebhookAuthHeaders() {
    }

    static Map<String, String> forBody(TenantRuntimeConfig.Webhook webhook, byte[] body) {
        if (webhook == null || webhook.secret() == null || webhook.secret().isEmpty()) {
            throw new PeerCallException("tenant-service holds no current webhook secret for this tenant");
        }
        if (webhook.mode() == WebhookAuthMode.TOKEN) {
            return Map.of(TOKEN, webhook.secret());
        }
        return Map.of(SIGNATURE, WebhookSignatures.hmacSha256Hex(webhook.secret(), body));
    }
}
