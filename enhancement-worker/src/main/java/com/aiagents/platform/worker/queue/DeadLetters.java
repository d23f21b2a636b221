package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** The operator's view of {@code {enhancement_queue}:dead}: list, and re-queue one or all. */
public final class DeadLetters {
    private static final LuaScript REQUEUE = QueueScripts.load("requeue.lua");
    private static final int REQUEUE_BATCH = 200;

    private final UnifiedJedis redis;

    public DeadLetters(UnifiedJedis redis) {
        this.redis = redis;
    }

    public long size() {
        return redis.llen(QueueNames.DEAD);
    }

    /** Entries newest first (the dead list is LPUSHed), {@code offset} and {@code limit} bounded by the caller. */
    public List<String> list(int offset, int limit) {
        return redis.lrange(QueueNames.DEAD, offset, (long) offset + limit - 1);
    }

    /** Re-queues the dead job with this id (attempts and reaps reset); false if no such entry. */
    public boolean requeue(String jobId) {
        List<String> matching = new ArrayList<>();
        for (String entry : all()) {
            EnhancementJob job = JobCodec.read(entry);
            if (job != null && job.jobId().equals(jobId)) {
                matching.add(entry);
            }
        }
        return requeueEntries(matching) > 0;
    }

    /** Re-queues every readable dead job (attempts reset), optionally only one tenant's; returns how many. */
    public long requeueAll(String tenantIdOrNull) {
        List<String> matching = new ArrayList<>();
        for (String entry : all()) {
            EnhancementJob job = JobCodec.read(entry);
            if (job != null && (tenantIdOrNull == null || tenantIdOrNull.equals(job.tenantId()))) {
                matching.add(entry);
            }
        }
        long count = 0;
        for (int i = 0; i < matching.size(); i += REQUEUE_BATCH) {
            count += requeueEntries(matching.subList(i, Math.min(matching.size(), i + REQUEUE_BATCH)));
        }
        return count;
    }

    private List<String> all() {
        return redis.lrange(QueueNames.DEAD, 0, -1);
    }

    private long requeueEntries(List<String> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<String> pairs = new ArrayList<>();
        TenantLists lists = new TenantLists();
        java.time.Instant now = java.time.Instant.now();
        for (String entry : entries) {
            EnhancementJob job = JobCodec.read(entry);
            String fresh = JobCodec.write(job.fresh(now));
            pairs.add(entry);
            pairs.add(fresh);
            lists.addTenantOf(fresh);
        }
        List<String> keys = new ArrayList<>(List.of(QueueNames.DEAD, QueueKeys.RING, QueueKeys.KNOWN));
        keys.addAll(lists.keys());
        List<String> args = new ArrayList<>(List.of(Integer.toString(lists.tenants().size())));
        args.addAll(lists.tenants());
        args.addAll(pairs);
        return (Long) REQUEUE.run(redis, keys, args);
    }
}
