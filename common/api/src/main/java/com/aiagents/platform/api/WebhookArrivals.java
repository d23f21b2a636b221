package com.aiagents.platform.api;

/**
 * Where the gateway notes, per tenant, when it last accepted an authenticated webhook (it has no
 * database): a Redis string holding epoch milliseconds, read by the worker's reconciliation to
 * tell a ticket whose webhook was lost from a tenant whose SDP sends none at all (docs/reconciliation.md).
 */
public final class WebhookArrivals {
    /** Kept this long after the last webhook; a tenant silent for longer reads as "never". */
    public static final long TTL_MILLIS = 30L * 24 * 3600 * 1000;

    private WebhookArrivals() {
    }

    public static String lastReceivedKey(TenantId tenant) {
        return "webhook_last_received:" + tenant.value();
    }
}
