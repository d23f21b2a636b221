package com.aiagents.platform.worker.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * "SDP shows new tickets but no webhook arrived": the SDP creation time of the oldest ticket
 * created after the tenant's last webhook, kept across passes until a webhook arrives after it.
 */
final class WebhookSilence {
    private WebhookSilence() {
    }

    /**
     * @param previous     the oldest unannounced ticket known before this pass, or null
     * @param lastWebhook  the gateway's last webhook of the tenant, or null (none in its memory)
     * @param createdTimes SDP creation times of the tickets this pass looked at
     */
    static Instant oldestUnannounced(Instant previous, Instant lastWebhook, Collection<Instant> createdTimes) {
        Instant oldest = previous != null && (lastWebhook == null || previous.isAfter(lastWebhook)) ? previous : null;
        for (Instant created : createdTimes) {
            if (created != null && (lastWebhook == null || created.isAfter(lastWebhook))
                    && (oldest == null || created.isBefore(oldest))) {
                oldest = created;
            }
        }
        return oldest;
    }

    /** Seconds of silence now; 0 when no ticket is waiting for its webhook (or one arrived since). */
    static long seconds(Instant unannouncedSince, Instant lastWebhook, Instant now) {
        if (unannouncedSince == null || (lastWebhook != null && !unannouncedSince.isAfter(lastWebhook))) {
            return 0;
        }
        return Math.max(0, Duration.between(unannouncedSince, now).toSeconds());
    }
}
