package com.aiagents.platform.gateway.core;

import com.aiagents.platform.common.feedback.FeedbackClaim;
import com.aiagents.platform.common.feedback.FeedbackVote;
import com.aiagents.platform.common.feedback.FeedbackVoteMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Hands a verified vote to the worker, which stores it (the gateway has no database): one JSON entry
 * pushed on the Redis list {@code enhancement_feedback}. Redis rather than a call to a service with a
 * database: the gateway already depends on Redis and on nothing else for its writes, the vote is kept
 * while every worker is down or restarting, and no new internal endpoint or service token is needed.
 */
public final class FeedbackHandoff {
    private final UnifiedJedis redis;
    private final ObjectMapper json;
    private final Clock clock;

    public FeedbackHandoff(UnifiedJedis redis, ObjectMapper json, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    /** The vote's id (in the gateway's and the worker's logs). Throws when Redis cannot take it. */
    public String handOver(FeedbackClaim claim, FeedbackVote vote) {
        String voteId = UUID.randomUUID().toString();
        String entry;
        try {
            entry = json.writeValueAsString(new FeedbackVoteMessage(voteId, claim.tenantId(), claim.enhancementId(),
                    vote.wireName(), clock.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vote not serializable", e);
        }
        redis.lpush(FeedbackVoteMessage.LIST, entry);
        return voteId;
    }
}
