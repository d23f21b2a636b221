package com.aiagents.platform.worker.api;

import com.aiagents.platform.worker.db.ReconciliationState;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code GET /v1/tenants/{tenant_id}/reconciliation}: the tenant's reconciliation and whether its
 * own SDP has been seen to reach the gateway since it went live ({@code webhook_delivery}):
 * {@code confirmed} (a webhook arrived after activation), {@code missing} (reconciliation found a
 * ticket whose webhook never came, and none has come since activation) or {@code waiting}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReconciliationView(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("webhook_delivery") String webhookDelivery,
        @JsonProperty("last_webhook_at") Instant lastWebhookAt,
        @JsonProperty("first_webhook_at") Instant firstWebhookAt,
        @JsonProperty("first_reconciled_ticket_at") Instant firstReconciledAt,
        @JsonProperty("last_pass_at") Instant lastPassAt,
        @JsonProperty("last_outcome") String lastOutcome,
        @JsonProperty("cursor_at") Instant cursorAt,
        @JsonProperty("tickets_found") long ticketsFound,
        @JsonProperty("webhook_silence_seconds") long webhookSilenceSeconds) {

    public static final String CONFIRMED = "confirmed";
    public static final String MISSING = "missing";
    public static final String WAITING = "waiting";

    public static ReconciliationView of(ReconciliationState s, Instant lastWebhookAt, long silenceSeconds) {
        String delivery = s.firstWebhookAt() != null
                || (lastWebhookAt != null && lastWebhookAt.isAfter(s.createdAt())) ? CONFIRMED
                : s.firstReconciledAt() != null ? MISSING : WAITING;
        return new ReconciliationView(s.tenantId(), delivery, lastWebhookAt, s.firstWebhookAt(), s.firstReconciledAt(),
                s.lastPassAt(), s.lastOutcome(), s.cursorAt(), s.ticketsFound(), silenceSeconds);
    }
}
