package com.aiagents.platform.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway (it has no database) notes in Redis about the webhooks it accepts, per tenant:
 * <ul>
 * <li>when it last accepted an authenticated webhook: a string holding epoch milliseconds, read by
 * the worker's reconciliation to tell a ticket whose webhook was lost from a tenant whose SDP sends
 * none at all (docs/reconciliation.md);</li>
 * <li>how many webhooks it accepted (a new job queued or deferred) in each UTC hour: one hash per
 * hour, {@code {enhancement_queue}:webhook_accepted:<yyyy-MM-ddTHH>}, field tenant id, value the
 * count, kept {@link #ACCEPTED_TTL_SECONDS}; the worker's fleet activity sums the last
 * {@link #ACCEPTED_HOURS} of them (docs/api/enhancement-worker.md).</li>
 * </ul>
 */
public final class WebhookArrivals {
    /** Kept this long after the last webhook; a tenant silent for longer reads as "never". */
    public static final long TTL_MILLIS = 30L * 24 * 3600 * 1000;
    /** The hours summed for "webhooks accepted in the last 24 h": the current one and the 23 before it. */
    public static final int ACCEPTED_HOURS = 24;
    /** An hour's hash outlives the last read of it (23 hours after its end) by one hour. */
    public static final long ACCEPTED_TTL_SECONDS = (ACCEPTED_HOURS + 1) * 3600L;
    /**
     * The hour's suffix: {@code 2026-12-06T01}. The upper-case {@code T} keeps it from ever reading as
     * a tenant id, so the erasure of a tenant never mistakes an hour's hash for the tenant's own key.
     */
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private WebhookArrivals() {
    }

    public static String lastReceivedKey(TenantId tenant) {
        return "webhook_last_received:" + tenant.value();
    }

    /** The hash counting, per tenant, the webhooks accepted in the UTC hour of {@code at}. */
    public static String acceptedKey(Instant at) {
        return QueueNames.TAG + ":webhook_accepted:" + HOUR.format(at);
    }

    /** The {@link #ACCEPTED_HOURS} hourly hashes ending with the hour of {@code now}, newest first. */
    public static List<String> acceptedKeysUntil(Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        List<String> keys = new ArrayList<>(ACCEPTED_HOURS);
        for (int i = 0; i < ACCEPTED_HOURS; i++) {
            keys.add(acceptedKey(hour.minus(i, ChronoUnit.HOURS)));
        }
        return keys;
    }
}
