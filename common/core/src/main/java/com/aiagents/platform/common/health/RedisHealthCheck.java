package com.aiagents.platform.common.health;

import com.codahale.metrics.health.HealthCheck;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis answers {@code PING}, within the client's own socket timeout (each service keeps it short)
 * and, when borrowing a connection, the pool's bounded wait: an exhausted pool stalls the check for
 * no longer than that. On Redis Cluster or Sentinel the PING goes where the client routes it: a
 * cluster node, or the primary Sentinel currently names.
 */
public final class RedisHealthCheck extends HealthCheck {
    private final UnifiedJedis redis;

    public RedisHealthCheck(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        try {
            return "PONG".equalsIgnoreCase(redis.ping())
                    ? Result.healthy()
                    : Result.unhealthy("redis answered PING with something other than PONG");
        } catch (RuntimeException e) {
            return Result.unhealthy("redis PING failed: " + Failures.describe(e));
        }
    }
}
