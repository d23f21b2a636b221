package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;

/**
 * A job held in a worker's processing list. {@code raw} is the exact string held there: ack,
 * retry and dead-lettering remove exactly that element. {@code job} is null when the JSON could
 * not be read as a job (it is then dead-lettered as is).
 */
public record ClaimedJob(String tenantId, String raw, EnhancementJob job) {
}
