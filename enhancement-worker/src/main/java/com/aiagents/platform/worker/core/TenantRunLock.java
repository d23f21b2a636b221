package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * One run of a per-tenant chore (the ticket-history import, a reconciliation pass) across all
 * workers: a Redis key holding its owner's id for a lease. Only the owner extends or releases it,
 * checked inside one script (between a GET and a PEXPIRE the key could change hands), so a run
 * whose lease ran out during a slow page learns that another took over and stops instead of
 * running alongside it.
 */
final class TenantRunLock {
    static final String IMPORT_PREFIX = "enhancement_worker:import_lock:";
    static final String RECONCILE_PREFIX = "enhancement_worker:reconcile_lock:";
    private static final String EXTEND = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) end return 0";

    private final UnifiedJedis redis;
    private final String prefix;
    private final String owner;
    private final Duration lease;

    /** @param prefix which chore: {@link #IMPORT_PREFIX} or {@link #RECONCILE_PREFIX} */
    TenantRunLock(UnifiedJedis redis, String prefix, String owner, Duration lease) {
        this.redis = redis;
        this.prefix = prefix;
        this.owner = owner;
        this.lease = lease;
    }

    boolean acquire(TenantId tenant) {
        return "OK".equals(redis.set(key(tenant), owner, SetParams.setParams().nx().px(lease.toMillis())));
    }

    /** Whether some run, this one or another worker's, holds the tenant's lock. */
    boolean isTaken(TenantId tenant) {
        return redis.exists(key(tenant));
    }

    /** Renews the lease; false when it is no longer ours (expired, or taken over by another run). */
    boolean extend(TenantId tenant) {
        return Long.valueOf(1).equals(redis.eval(EXTEND, List.of(key(tenant)), List.of(owner, Long.toString(lease.toMillis()))));
    }

    /** Lets go of the lock if it is still ours, never of another run's. */
    void release(TenantId tenant) {
        redis.eval(RELEASE, List.of(key(tenant)), List.of(owner));
    }

    private String key(TenantId tenant) {
        return prefix + tenant.value();
    }
}
