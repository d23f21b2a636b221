package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** The operator's view of {@code {enhancement_queue}:dead}: list, re-queue and discard, one or all. */
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
        return requeueEntries(entriesOf(jobId)) > 0;
    }

    /** The dead entries of the job with this id (normally one). */
    private List<String> entriesOf(String jobId) {
        List<String> matching = new ArrayList<>();
        for (String entry : all()) {
            EnhancementJob job = JobCodec.read(entry);
            if (job != null && job.jobId().equals(jobId)) {
                matching.add(entry);
            }
        }
        return matching;
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

    /** One page of the dead list (newest first), optionally only one tenant's entries; {@code total} counts the matches. */
    public record Page(long total, List<String> entries) {
    }

    public Page page(String tenantIdOrNull, int offset, int limit) {
        if (tenantIdOrNull == null) {
            return new Page(size(), list(offset, limit));
        }
        List<String> matching = all().stream().filter(e -> tenantIdOrNull.equals(tenantOf(e))).toList();
        int from = Math.min(offset, matching.size());
        return new Page(matching.size(), matching.subList(from, Math.min(matching.size(), from + limit)));
    }

    /** Dead entries per tenant (unreadable entries, which name no tenant, are not counted). One read of the list. */
    public static Map<String, Long> countByTenant(List<String> entries) {
        Map<String, Long> counts = new HashMap<>();
        for (String entry : entries) {
            String tenant = tenantOf(entry);
            if (tenant != null) {
                counts.merge(tenant, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The tenant of a dead entry, or null for an unreadable one. */
    public static String tenantOf(String entry) {
        EnhancementJob job = JobCodec.read(entry);
        return job == null ? null : job.tenantId();
    }

    /** Removes the dead job with this id for good; false if no such entry. */
    public boolean discard(String jobId) {
        return remove(entriesOf(jobId)) > 0;
    }

    /**
     * Removes every dead entry for good, or only one tenant's (an unreadable entry names no tenant:
     * only the unfiltered call removes those); returns how many. Each entry is removed by its exact
     * value, so a job dead-lettered meanwhile stays.
     */
    public long discardAll(String tenantIdOrNull) {
        List<String> matching = tenantIdOrNull == null ? all()
                : all().stream().filter(e -> tenantIdOrNull.equals(tenantOf(e))).toList();
        return remove(matching);
    }

    private long remove(List<String> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<Response<Long>> removed = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String entry : entries) {
                removed.add(pipeline.lrem(QueueNames.DEAD, 1, entry));
            }
            pipeline.sync();
        }
        return removed.stream().mapToLong(Response::get).sum();
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
