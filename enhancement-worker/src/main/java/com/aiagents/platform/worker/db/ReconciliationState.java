package com.aiagents.platform.worker.db;

import java.time.Instant;

/**
 * A tenant's {@code webhook_reconciliation} row: the pass's cursor (SDP's {@code last_updated_time})
 * and what the webhook-silence alert and the onboarding view read (docs/reconciliation.md).
 */
public record ReconciliationState(
        String tenantId,
        String lastOutcome,
        Instant cursorAt,
        Instant lastPassAt,
        Instant lastWebhookAt,
        Instant firstWebhookAt,
        Instant firstReconciledAt,
        String firstReconciledTicket,
        Instant unannouncedSince,
        long ticketsFound,
        Instant createdAt) {
}
