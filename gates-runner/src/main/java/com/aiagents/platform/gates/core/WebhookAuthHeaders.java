package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.WebhookAuthMode;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The header SDP sends with a webhook, for the tenant's current secret (CONTRACT section 4):
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
        return Map.of(SIGNATURE, hmacSha256Hex(webhook.secret(), body));
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
