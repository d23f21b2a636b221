package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.WebhookMode;
import com.aiagents.platform.sdpsim.core.WebhookTarget;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import java.net.URI;

/** {@code "webhook": {"url", "mode": "hmac"|"token", "secret"}}; mode defaults to hmac. */
public record WebhookSpec(String url, String mode, String secret) {

    public WebhookTarget toTarget() {
        if (url == null || !isHttpUrl(url)) {
            throw SimApiException.badRequest("invalid-webhook", "webhook.url must be an absolute http(s) URL");
        }
        WebhookMode parsedMode = mode == null ? WebhookMode.HMAC : WebhookMode.fromWireName(mode).orElseThrow(() ->
                SimApiException.badRequest("invalid-webhook", "webhook.mode must be 'hmac' or 'token'"));
        if (secret == null || secret.isBlank()) {
            throw SimApiException.badRequest("invalid-webhook", "webhook.secret is required");
        }
        return new WebhookTarget(url, parsedMode, secret);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "WebhookSpec[url=" + url + ", mode=" + mode + ", secret=***]";
    }
}
