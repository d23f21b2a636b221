package com.aiagents.platform.sdpsim.core;

/** Where an instance sends its webhooks and how it signs them. */
public record WebhookTarget(String url, WebhookMode mode, String secret) {
    @Override
    public String toString() {
        return "WebhookTarget[url=" + url + ", mode=" + mode + ", secret=***]";
    }
}
