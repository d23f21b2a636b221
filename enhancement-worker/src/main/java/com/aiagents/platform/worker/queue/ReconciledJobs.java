package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.redis.LuaScript;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Queues the jobs reconciliation finds onto {@code enhancement_queue}, where the gateway queues
 * webhooks' jobs: same document, same event key, so the worker's one-note-per-event rule covers a
 * ticket reached both ways. The dedup key carries the queue's hash tag so the script's keys share
 * one slot on Redis Cluster.
 */
public final class ReconciledJobs {
    private static final LuaScript SCRIPT = LuaScript.fromResources(ReconciledJobs.class, "enqueue_reconciled.lua");

    private final UnifiedJedis redis;
    private final ObjectMapper json;
    private final Duration dedupWindow;

    public ReconciledJobs(UnifiedJedis redis, ObjectMapper json, Duration dedupWindow) {
        this.redis = redis;
        this.json = json;
        this.dedupWindow = dedupWindow;
    }

    public static String dedupKey(TenantId tenant, String eventKey) {
        return QueueNames.TAG + ":reconcile_dedup:" + tenant.value() + ":" + eventKey;
    }

    /** @return false when the same event was queued by reconciliation within the dedup window */
    public boolean enqueue(EnhancementJob job) {
        String document;
        try {
            document = json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EnhancementJob always serializes", e);
        }
        Object queued = SCRIPT.run(redis, List.of(dedupKey(TenantId.of(job.tenantId()), job.eventKey()),
                QueueNames.INGRESS), List.of(document, Long.toString(dedupWindow.toMillis())));
        return Long.valueOf(1).equals(queued);
    }
}
