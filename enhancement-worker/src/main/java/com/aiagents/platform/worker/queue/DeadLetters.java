package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** The operator's view of {@code enhancement_queue:dead}: list, and re-queue one or all. */
@SuppressWarnings("deprecation")
public final class DeadLetters {
    private static final LuaScript REQUEUE = QueueScripts.load("requeue.lua");
    private static final int REQUEUE_BATCH = 200;

    private final JedisPool pool;

    public DeadLetters(JedisPool pool) {
        this.pool = pool;
    }

    public long size() {
        try (Jedis jedis = pool.getResource()) {
            return jedis.llen(QueueNames.DEAD);
        }
    }

    /** Entries newest first (the dead list is LPUSHed), {@code offset} and {@code limit} bounded by the caller. */
    public List<String> list(int offset, int limit) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.lrange(QueueNames.DEAD, offset, (long) offset + limit - 1);
        }
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
        try (Jedis jedis = pool.getResource()) {
            return jedis.lrange(QueueNames.DEAD, 0, -1);
        }
    }

    private long requeueEntries(List<String> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>();
        args.add(QueueKeys.TENANT_PREFIX);
        for (String entry : entries) {
            EnhancementJob job = JobCodec.read(entry);
            args.add(entry);
            args.add(JobCodec.write(job.fresh()));
        }
        try (Jedis jedis = pool.getResource()) {
            return (Long) REQUEUE.run(jedis, List.of(QueueNames.DEAD, QueueKeys.RING, QueueKeys.KNOWN), args);
        }
    }
}
