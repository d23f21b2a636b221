package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.redis.LuaScript;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Hands deferred jobs ({@link AdmissionStore}) to the workers at each tenant's rate, in one atomic
 * Lua step ({@code release.lua}) over every tenant with a backlog, round robin between them. Safe on
 * every gateway replica at once: a released job spends a slot of the tenant's rate log, so the
 * tenant's flow to the workers never exceeds its rate whoever releases, and a short lock lets one
 * replica release per interval.
 */
public final class DeferredRelease {
    private static final LuaScript SCRIPT = LuaScript.fromResources(DeferredRelease.class, "release.lua");
    /** Hash: tenant with deferred jobs to its requests per window (tenant ids have no '_', so no lane collides). */
    public static final String TENANTS = "{enhancement_queue}:deferred_tenants";
    /** Held by the replica that released last, for one interval. */
    public static final String LOCK = "{enhancement_queue}:deferred_release";
    private static final String LANE_PREFIX = "{enhancement_queue}:deferred:";

    private final UnifiedJedis pool;
    private final long windowMicros;
    private final long lockMillis;
    private final int maxJobsPerStep;
    private final Clock clock;

    /**
     * @param interval how often a replica runs the step; the lock is held that long
     * @param maxJobsPerStep bound on one step's work, so a script never blocks Redis for long
     */
    public DeferredRelease(UnifiedJedis pool, Duration rateWindow, Duration interval, int maxJobsPerStep) {
        this(pool, rateWindow, interval, maxJobsPerStep, Clock.systemUTC());
    }

    /** @param clock stamps each released job's {@code released_at} (the same clock as {@code received_at}) */
    public DeferredRelease(UnifiedJedis pool, Duration rateWindow, Duration interval, int maxJobsPerStep, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.windowMicros = rateWindow.toNanos() / 1000;
        this.lockMillis = Math.max(1, interval.toMillis());
        this.maxJobsPerStep = maxJobsPerStep;
    }

    /** A tenant's deferred lane: {@code {enhancement_queue}:deferred:<tenant_id>}. */
    public static String laneKey(TenantId tenant) {
        return LANE_PREFIX + tenant.value();
    }

    /** What one step did: jobs released, and each tenant's lane length after it. */
    public record Step(long released, Map<String, Long> deferred) {
    }

    /**
     * Releases what each tenant's rate allows now (nothing if another replica holds the lock) and
     * reports the lanes' lengths either way.
     */
    public Step releaseDue() {
        List<String> tenants = new ArrayList<>(pool.hkeys(TENANTS));
        if (tenants.isEmpty()) {
            return new Step(0, Map.of());
        }
        // A different first tenant each step, so a step cut short by maxJobsPerStep favours nobody.
        Collections.shuffle(tenants);
        List<String> keys = new ArrayList<>(List.of(TENANTS, LOCK, QueueNames.INGRESS));
        List<String> args = new ArrayList<>(List.of(Long.toString(windowMicros), Long.toString(lockMillis),
                Integer.toString(maxJobsPerStep), clock.instant().toString()));
        for (String tenant : tenants) {
            TenantId id = TenantId.of(tenant);
            keys.add(laneKey(id));
            keys.add(AdmissionStore.rateKey(id));
            args.add(tenant);
        }
        List<?> reply = (List<?>) SCRIPT.run(pool, keys, args);
        Map<String, Long> depths = new LinkedHashMap<>();
        for (int i = 0; i < tenants.size(); i++) {
            depths.put(tenants.get(i), (Long) reply.get(i + 1));
        }
        return new Step((Long) reply.get(0), depths);
    }
}
