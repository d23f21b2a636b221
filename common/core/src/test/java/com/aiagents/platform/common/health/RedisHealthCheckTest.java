package com.aiagents.platform.common.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;

/** Only the unhealthy path: the machine's Redis belongs to other tests. */
@SuppressWarnings("deprecation") // JedisPool, see RedisHealthCheck
class RedisHealthCheckTest {
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableRedisIsUnhealthyWithoutThePassword() throws Exception {
        String password = "hunter2-redis-password";
        try (JedisPool pool = new JedisPool(URI.create("redis://:" + password + "@127.0.0.1:" + closedPort() + "/0"), 500)) {
            Result result = new RedisHealthCheck(pool, Duration.ofMillis(500)).execute();
            assertThat(result.isHealthy()).isFalse();
            assertThat(result.getMessage()).startsWith("redis PING failed: ").doesNotContain(password);
            assertThat(result.getError()).isNull();
        }
    }
}
