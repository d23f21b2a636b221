package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.redis.LuaScript;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Rate limit, dedup and enqueue of an authenticated delivery in one atomic Lua script
 * ({@code admit.lua}), i.e. one Redis round trip per webhook.
 *
 * <p>Rate limit: a sliding-window log per tenant (a sorted set of admitted requests in the last
 * minute), exact — no 60-second window ever admits more than {@code requests_per_minute}, unlike
 * fixed windows (up to 2x at a boundary) or a token bucket (a full bucket plus its refill) — and
 * shared by every replica because it lives in Redis. Dedup: {@code webhook_dedup:<tenant>:<sha256
 * of body>} holds the first job id for the dedup window; a repeat is answered with it.
 */
// JedisPool is deprecated in Jedis 8 in favour of RedisClient; it is what the platform shares
// (common-core's RedisHealthCheck takes one), so the suppression is deliberate.
@SuppressWarnings("deprecation")
public final class AdmissionStore {
    private static final LuaScript SCRIPT = LuaScript.fromResources(AdmissionStore.class, "admit.lua");

    private final JedisPool pool;
    private final ObjectMapper mapper;
    private final long windowMicros;
    private final long dedupWindowMillis;
    private final long updateDedupWindowMillis;

    /** One dedup window for every event. */
    public AdmissionStore(JedisPool pool, ObjectMapper mapper, Duration rateWindow, Duration dedupWindow) {
        this(pool, mapper, rateWindow, dedupWindow, dedupWindow);
    }

    /**
     * @param dedupWindow       how long a repeated creation delivery is answered with the first job id
     * @param updateDedupWindow the same for updates: short, because an update webhook often carries
     *                          only the ticket id, so identical bodies may be different updates (the
     *                          worker decides what is new from the ticket's content)
     */
    public AdmissionStore(JedisPool pool, ObjectMapper mapper, Duration rateWindow, Duration dedupWindow,
                          Duration updateDedupWindow) {
        this.pool = pool;
        this.mapper = mapper;
        this.windowMicros = rateWindow.toNanos() / 1000;
        this.dedupWindowMillis = dedupWindow.toMillis();
        this.updateDedupWindowMillis = updateDedupWindow.toMillis();
    }

    /** A parsed delivery ready to be queued. */
    public record PendingJob(String queue, String bodySha256, EnhancementJob job) {
    }

    /** What Redis decided: limited (with seconds to wait), admitted without a job, or the job id answered. */
    public record Admission(boolean limited, long retryAfterSeconds, String jobId, boolean duplicate) {
    }

    public static String rateKey(TenantId tenant) {
        return "webhook_rate:" + tenant.value();
    }

    public static String dedupKey(TenantId tenant, String bodySha256) {
        return "webhook_dedup:" + tenant.value() + ":" + bodySha256;
    }

    /**
     * Spends one of the tenant's requests (unless over the limit) and, when {@code pending} is
     * given, enqueues it unless the same body was enqueued within the dedup window.
     *
     * @param requestId unique per request; it is the job id when one is enqueued
     * @param pending null when the body did not parse: the request still counts against the limit
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot confirm (nothing was written)
     */
    public Admission admit(TenantId tenant, int requestsPerMinute, String requestId, PendingJob pending) {
        String json = pending == null ? "" : toJson(pending.job());
        String dedupKey = dedupKey(tenant, pending == null ? "-" : pending.bodySha256());
        String queue = pending == null ? "-" : pending.queue();
        List<?> reply;
        try (Jedis jedis = pool.getResource()) {
            reply = (List<?>) SCRIPT.run(jedis, List.of(rateKey(tenant), dedupKey, queue),
                    List.of(Integer.toString(requestsPerMinute), Long.toString(windowMicros), requestId, json,
                            Long.toString(dedupWindowFor(pending))));
        }
        long code = (Long) reply.get(0);
        String value = (String) reply.get(1);
        if (code == 0) {
            long waitMicros = Long.parseLong(value);
            return new Admission(true, Math.max(1, (waitMicros + 999_999) / 1_000_000), null, false);
        }
        return new Admission(false, 0, code == 1 ? null : value, code == 3);
    }

    private long dedupWindowFor(PendingJob pending) {
        return pending != null && EnhancementJob.REQUEST_UPDATED.equals(pending.job().event())
                ? updateDedupWindowMillis : dedupWindowMillis;
    }

    private String toJson(EnhancementJob job) {
        try {
            return mapper.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EnhancementJob always serializes", e);
        }
    }
}
