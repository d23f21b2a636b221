package com.aiagents.platform.common.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Redis answers {@code PING} within a short timeout. Borrowing the connection obeys the pool's own
 * {@code maxWait}: give pools a bounded one, or an exhausted pool stalls the health check too.
 * ({@link JedisPool} is deprecated in Jedis 8 in favour of {@code RedisClient}; it is still what the
 * services share, hence the suppression.)
 */
@SuppressWarnings("deprecation")
public final class RedisHealthCheck extends HealthCheck {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final JedisPool pool;
    private final int timeoutMillis;

    public RedisHealthCheck(JedisPool pool) {
        this(pool, DEFAULT_TIMEOUT);
    }

    public RedisHealthCheck(JedisPool pool, Duration timeout) {
        this.pool = pool;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    protected Result check() {
        try (Jedis jedis = pool.getResource()) {
            Connection connection = jedis.getConnection();
            int usual = connection.getSoTimeout();
            connection.setSoTimeout(timeoutMillis);
            try {
                return "PONG".equalsIgnoreCase(jedis.ping())
                        ? Result.healthy()
                        : Result.unhealthy("redis answered PING with something other than PONG");
            } finally {
                connection.setSoTimeout(usual);
            }
        } catch (RuntimeException e) {
            return Result.unhealthy("redis PING failed: " + Failures.describe(e));
        }
    }
}
