package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.TenantId;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Each tenant's {@code requests_per_minute}, enforced across all gateway replicas by one atomic
 * Lua script over a Redis sorted set (a sliding-window log). Exact: no 60-second window ever
 * admits more than the limit, unlike fixed windows (2x at the boundary) or a token bucket (a full
 * bucket plus its refill). Memory is one small member per admitted request for one window,
 * bounded by the limit.
 */
// JedisPool is deprecated in Jedis 8 in favour of RedisClient; it is what the platform shares
// (common-core's RedisHealthCheck takes one), so the suppression is deliberate.
@SuppressWarnings("deprecation")
public final class TenantRateLimiter {
    private static final RedisScript SCRIPT = RedisScript.fromResource("sliding_window_rate_limit.lua");

    private final JedisPool pool;
    private final long windowMicros;

    public TenantRateLimiter(JedisPool pool, Duration window) {
        this.pool = pool;
        this.windowMicros = window.toNanos() / 1000;
    }

    public static String key(TenantId tenant) {
        return "webhook_rate:" + tenant.value();
    }

    /**
     * Admits one request or throws RATE_LIMITED with the seconds until a slot frees.
     *
     * @param requestId unique per request (it becomes the sorted-set member)
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached
     */
    public void acquire(TenantId tenant, int requestsPerMinute, String requestId) {
        List<?> reply;
        try (Jedis jedis = pool.getResource()) {
            reply = (List<?>) SCRIPT.run(jedis, List.of(key(tenant)),
                    List.of(Integer.toString(requestsPerMinute), Long.toString(windowMicros), requestId));
        }
        if (((Long) reply.get(0)) == 1L) {
            return;
        }
        long waitMicros = (Long) reply.get(1);
        long seconds = (waitMicros + 999_999) / 1_000_000;
        throw WebhookRejection.retryLater(WebhookOutcome.RATE_LIMITED, "rate_limited",
                "the tenant's requests_per_minute limit is reached", seconds);
    }
}
