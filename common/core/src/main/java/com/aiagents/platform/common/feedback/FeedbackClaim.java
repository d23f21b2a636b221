package com.aiagents.platform.common.feedback;

import java.time.Instant;

/**
 * What a feedback link's signed token says: the tenant, the enhancement (its {@code enhancement_history} id),
 * the vote the link offers, and until when the link works.
 */
public record FeedbackClaim(String tenantId, long enhancementId, FeedbackVote vote, Instant expiresAt) {
}
