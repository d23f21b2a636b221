package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A tenant's latest welcome mail as operators see it (docs/api/tenant-service.md#welcome-e-mail):
 * where it went and how its delivery ended; never the link or its token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WelcomeEmailView(
        @JsonProperty("tenant_id") String tenantId,
        /** pending (being sent, with retries), sent, failed (resend it) or disabled (no SMTP_HOST) */
        @JsonProperty("delivery") String delivery,
        @JsonProperty("recipient") String recipient,
        @JsonProperty("requested_by") String requestedBy,
        @JsonProperty("requested_at") Instant requestedAt,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("error") String error,
        @JsonProperty("delivered_at") Instant deliveredAt,
        @JsonProperty("link_expires_at") Instant linkExpiresAt,
        /** unused, revealed, expired or superseded */
        @JsonProperty("link") String link) {
}
