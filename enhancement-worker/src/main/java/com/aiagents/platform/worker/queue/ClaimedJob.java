package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;

/**
 * A job held in a worker's processing list. {@code raw} is the exact string held there: ack,
 * retry and dead-lettering remove exactly that element. {@code job} is null when the JSON could
 * not be read as a job (it is then dead-lettered as is). {@code claimToken} is this claim's token
 * (unique, increasing across the fleet; 0 when the job could not be stamped): a note is recorded
 * only by the claim that holds the posting, so an older claim that wakes up late is fenced off.
 */
public record ClaimedJob(String tenantId, String raw, EnhancementJob job, long claimToken) {
    public ClaimedJob(String tenantId, String raw, EnhancementJob job) {
        this(tenantId, raw, job, JobCodec.claimToken(raw));
    }
}
