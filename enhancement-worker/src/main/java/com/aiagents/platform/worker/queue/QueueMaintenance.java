package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The queue's periodic chores, safe to run on every worker at once (each is one Lua script):
 * promote due retries, return the jobs of dead workers, repair the tenant ring and counts. Each
 * first reads what its script will touch (due jobs, dead workers, tenants) so that every key the
 * script uses is passed to it (Redis Cluster); the script re-checks what it was told.
 */
public final class QueueMaintenance {
    private static final LuaScript PROMOTE = QueueScripts.load("promote.lua");
    private static final LuaScript REAP = QueueScripts.load("reap.lua");
    private static final LuaScript RECONCILE = QueueScripts.load("reconcile.lua");
    /** Replaces the set KEYS[1] by ARGV, in batches (unpack has a stack limit). */
    private static final String REPLACE_SET = "redis.call('DEL', KEYS[1]) for i = 1, #ARGV, 1000 do "
            + "redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV))) end return #ARGV";
    /** Reads of the live workers a reconcile retries when workers join or leave meanwhile. */
    private static final int RECONCILE_TRIES = 3;

    private final UnifiedJedis redis;
    private final UntaggedKeys untagged;
    private final int maxAttempts;
    private final int maxReaps;

    /**
     * @param maxAttempts attempts per job: a job reaped on its last one is dead-lettered
     * @param maxReaps    deaths of a worker holding the job after which it is dead-lettered as {@code worker_crashed}
     */
    public QueueMaintenance(UnifiedJedis redis, int maxAttempts, int maxReaps) {
        this.redis = redis;
        this.untagged = new UntaggedKeys(redis);
        this.maxAttempts = maxAttempts;
        this.maxReaps = maxReaps;
    }

    /** What one reaper pass did: workers reaped, jobs returned to the queue, jobs dead-lettered ({@code worker_crashed}). */
    public record Reaped(long workers, long jobs, long deadLettered) {
    }

    /** Moves retries whose due time has come onto their tenants' lists; returns how many. */
    public long promoteDue(Instant now, int limit) {
        String nowMillis = Long.toString(now.toEpochMilli());
        TenantLists lists = TenantLists.ofJobs(redis.zrangeByScore(QueueKeys.DELAYED, "-inf", nowMillis, 0, limit));
        List<String> keys = new ArrayList<>(List.of(QueueKeys.DELAYED, QueueKeys.RING, QueueKeys.KNOWN, QueueNames.DEAD));
        keys.addAll(lists.keys());
        List<String> args = new ArrayList<>(List.of(nowMillis, Integer.toString(limit)));
        args.addAll(lists.tenants());
        return (Long) PROMOTE.run(redis, keys, args);
    }

    /**
     * Returns every job held by a worker whose heartbeat key has expired, each attempt and reap
     * counted in the same step.
     */
    public Reaped reapDeadWorkers() {
        List<String> workers = new ArrayList<>(redis.smembers(QueueKeys.WORKERS));
        List<Response<Boolean>> alive = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            workers.forEach(w -> alive.add(pipeline.exists(QueueKeys.heartbeat(w))));
            pipeline.sync();
        }
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            if (!alive.get(i).get()) {
                dead.add(workers.get(i));
            }
        }
        if (dead.isEmpty()) {
            return new Reaped(0, 0, 0);
        }
        TenantLists lists = new TenantLists();
        List<String> keys = new ArrayList<>(List.of(QueueKeys.WORKERS, QueueKeys.RING, QueueKeys.KNOWN,
                QueueKeys.INFLIGHT, QueueNames.INGRESS, QueueNames.DEAD));
        for (String w : dead) {
            keys.addAll(List.of(QueueKeys.heartbeat(w), QueueKeys.processing(w), QueueKeys.staging(w)));
            redis.lrange(QueueKeys.processing(w), 0, -1).forEach(lists::addTenantOf);
        }
        keys.addAll(lists.keys());
        List<String> args = new ArrayList<>(List.of(Integer.toString(maxAttempts), Integer.toString(maxReaps),
                Instant.now().toString(), Integer.toString(dead.size())));
        args.addAll(dead);
        args.addAll(lists.tenants());
        List<?> reply = (List<?>) REAP.run(redis, keys, args);
        return new Reaped((Long) reply.get(0), (Long) reply.get(1), (Long) reply.get(2));
    }

    /**
     * Puts tenants with queued jobs back in the ring and recounts in-flight jobs; returns tenants
     * re-added (-1 when workers kept joining or leaving during every try: the next pass repairs).
     * Moves what is left under the untagged key names first.
     */
    public long reconcile() {
        untagged.migrate();
        for (int attempt = 0; attempt < RECONCILE_TRIES; attempt++) {
            Set<String> tenants = redis.smembers(QueueKeys.KNOWN);
            List<String> workers = new ArrayList<>(redis.smembers(QueueKeys.WORKERS));
            List<String> keys = new ArrayList<>(List.of(QueueKeys.KNOWN, QueueKeys.RING, QueueKeys.INFLIGHT,
                    QueueKeys.WORKERS));
            workers.forEach(w -> keys.add(QueueKeys.processing(w)));
            tenants.forEach(t -> keys.add(QueueKeys.tenant(t)));
            List<String> args = new ArrayList<>(List.of(Integer.toString(workers.size())));
            args.addAll(workers);
            args.addAll(tenants);
            long added = (Long) RECONCILE.run(redis, keys, args);
            if (added >= 0) {
                return added;
            }
        }
        return -1;
    }

    /** Makes a tenant known (e.g. a premium tenant whose list the gateway fills directly). */
    public void registerTenant(String tenantId) {
        redis.sadd(QueueKeys.KNOWN, tenantId);
    }

    /**
     * The premium tenants, replaced at once (one script: Redis Cluster clients refuse MULTI), so a
     * claim never sees the set half-written.
     */
    public void replacePremiumTenants(Set<String> tenantIds) {
        redis.eval(REPLACE_SET, List.of(QueueKeys.PREMIUM), List.copyOf(tenantIds));
    }
}
