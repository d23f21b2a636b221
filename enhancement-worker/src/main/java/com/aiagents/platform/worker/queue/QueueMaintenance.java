package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Transaction;

/**
 * The queue's periodic chores, safe to run on every worker at once (each is one Lua script):
 * promote due retries, return the jobs of dead workers, repair the tenant ring and counts.
 */
@SuppressWarnings("deprecation")
public final class QueueMaintenance {
    private static final LuaScript PROMOTE = QueueScripts.load("promote.lua");
    private static final LuaScript REAP = QueueScripts.load("reap.lua");
    private static final LuaScript RECONCILE = QueueScripts.load("reconcile.lua");

    private final JedisPool pool;
    private final int maxAttempts;
    private final int maxReaps;

    /**
     * @param maxAttempts attempts per job: a job reaped on its last one is dead-lettered
     * @param maxReaps    deaths of a worker holding the job after which it is dead-lettered as {@code worker_crashed}
     */
    public QueueMaintenance(JedisPool pool, int maxAttempts, int maxReaps) {
        this.pool = pool;
        this.maxAttempts = maxAttempts;
        this.maxReaps = maxReaps;
    }

    /** What one reaper pass did: workers reaped, jobs returned to the queue, jobs dead-lettered ({@code worker_crashed}). */
    public record Reaped(long workers, long jobs, long deadLettered) {
    }

    /** Moves retries whose due time has come onto their tenants' lists; returns how many. */
    public long promoteDue(Instant now, int limit) {
        try (Jedis jedis = pool.getResource()) {
            return (Long) PROMOTE.run(jedis, List.of(QueueKeys.DELAYED, QueueKeys.RING, QueueKeys.KNOWN, QueueNames.DEAD),
                    List.of(Long.toString(now.toEpochMilli()), QueueKeys.TENANT_PREFIX, Integer.toString(limit)));
        }
    }

    /**
     * Returns every job held by a worker whose heartbeat key has expired, each attempt and reap
     * counted in the same step.
     */
    public Reaped reapDeadWorkers() {
        try (Jedis jedis = pool.getResource()) {
            List<?> reply = (List<?>) REAP.run(jedis,
                    List.of(QueueKeys.WORKERS, QueueKeys.RING, QueueKeys.KNOWN, QueueKeys.INFLIGHT,
                            QueueNames.INGRESS, QueueNames.DEAD),
                    List.of(QueueKeys.TENANT_PREFIX, QueueKeys.PROCESSING_PREFIX, QueueKeys.HEARTBEAT_PREFIX,
                            QueueKeys.STAGING_PREFIX, Integer.toString(maxAttempts), Integer.toString(maxReaps),
                            Instant.now().toString()));
            return new Reaped((Long) reply.get(0), (Long) reply.get(1), (Long) reply.get(2));
        }
    }

    /** Puts tenants with queued jobs back in the ring and recounts in-flight jobs; returns tenants re-added. */
    public long reconcile() {
        try (Jedis jedis = pool.getResource()) {
            return (Long) RECONCILE.run(jedis,
                    List.of(QueueKeys.KNOWN, QueueKeys.RING, QueueKeys.INFLIGHT, QueueKeys.WORKERS),
                    List.of(QueueKeys.TENANT_PREFIX, QueueKeys.PROCESSING_PREFIX));
        }
    }

    /** Makes a tenant known (e.g. a premium tenant whose list the gateway fills directly). */
    public void registerTenant(String tenantId) {
        try (Jedis jedis = pool.getResource()) {
            jedis.sadd(QueueKeys.KNOWN, tenantId);
        }
    }

    /** The premium tenants, replaced at once (one transaction), so a claim never sees the set half-written. */
    public void replacePremiumTenants(Set<String> tenantIds) {
        try (Jedis jedis = pool.getResource()) {
            Transaction tx = jedis.multi();
            tx.del(QueueKeys.PREMIUM);
            if (!tenantIds.isEmpty()) {
                tx.sadd(QueueKeys.PREMIUM, tenantIds.toArray(String[]::new));
            }
            tx.exec();
        }
    }
}
