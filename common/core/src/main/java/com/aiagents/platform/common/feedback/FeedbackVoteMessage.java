package com.aiagents.platform.common.feedback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One recorded vote on its way from the gateway (which has no database) to the worker, which stores it:
 * a JSON document on the Redis list {@link #LIST} (docs/feedback.md). {@code voteId} makes each click
 * distinct on the list, so removing one processed entry never removes another click's; {@code votedAt}
 * orders votes, so the latest click wins even if two are stored out of order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedbackVoteMessage(
        @JsonProperty("vote_id") String voteId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("enhancement_id") long enhancementId,
        @JsonProperty("vote") String vote,
        @JsonProperty("voted_at") Instant votedAt) {

    /**
     * The hand-off list. Its own key, not a queue key: votes are small and independent of enhancement jobs,
     * and need no fairness or retries. One key only, so it works unchanged on Redis Cluster.
     */
    public static final String LIST = "enhancement_feedback";
}
