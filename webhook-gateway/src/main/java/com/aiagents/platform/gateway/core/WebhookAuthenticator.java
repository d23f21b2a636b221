package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a delivery's signature or token against the tenant's current secret and, during a
 * rotation's grace period, its previous one (docs/api/webhook-gateway.md). Missing credentials are 401,
 * wrong or ambiguous ones 403.
 */
public final class WebhookAuthenticator {
    public static final String SIGNATURE_HEADER = "X-ServiceDesk-Signature";
    public static final String SIGNATURE_HEADER_ALIAS = "X-SDP-Signature";
    public static final String TOKEN_HEADER = "X-Webhook-Token";

    private final Clock clock;

    public WebhookAuthenticator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param headers all values of a request header by name (case-insensitive), empty when absent
     * @throws WebhookRejection UNAUTHORIZED or FORBIDDEN
     */
    public void verify(TenantRuntimeConfig tenant, Function<String, List<String>> headers, byte[] body) {
        TenantRuntimeConfig.Webhook webhook = tenant.webhook();
        if (webhook == null || webhook.secret() == null || webhook.secret().isEmpty()) {
            // A tenant without a secret cannot authenticate anything; refuse rather than accept all.
            throw wrong();
        }
        List<String> secrets = acceptedSecrets(webhook);
        if (webhook.mode() == WebhookAuthMode.TOKEN) {
            String token = single(headers.apply(TOKEN_HEADER));
            if (!WebhookSignatures.verifyToken(token, secrets)) {
                throw wrong();
            }
            return;
        }
        List<String> signatures = headers.apply(SIGNATURE_HEADER);
        String signature = single(signatures.isEmpty() ? headers.apply(SIGNATURE_HEADER_ALIAS) : signatures);
        if (!WebhookSignatures.verifyHmac(body, signature, secrets)) {
            throw wrong();
        }
    }

    private List<String> acceptedSecrets(TenantRuntimeConfig.Webhook webhook) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(webhook.secret());
        String previous = webhook.previousSecretValidAt(clock.instant());
        if (previous != null) {
            secrets.add(previous);
        }
        return secrets;
    }

    /** The one value of a header; missing is 401, several values are 403 (we will not guess which counts). */
    private static String single(List<String> values) {
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            throw WebhookRejection.of(WebhookOutcome.UNAUTHORIZED, "missing_signature",
                    "the webhook signature or token header is missing");
        }
        if (values.size() > 1) {
            throw wrong();
        }
        return values.get(0);
    }

    private static WebhookRejection wrong() {
        return WebhookRejection.of(WebhookOutcome.FORBIDDEN, "invalid_signature",
                "the webhook signature or token does not match");
    }
}
