package com.aiagents.platform.common.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.redis.RedisEndpoint;
import com.codahale.metrics.health.HealthCheck.Result;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Only the unhealthy path: the machine's Redis belongs to other tests. */
class RedisHealthCheckTest {
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableRedisIsUnhealthyWithoutThePassword() throws Exception {
        String password = "hunter2-redis-password";
        RedisEndpoint endpoint = new RedisEndpoint();
        endpoint.setUrl("redis://:" + password + "@127.0.0.1:" + closedPort() + "/0");
        Duration half = Duration.ofMillis(500);
        try (UnifiedJedis redis = endpoint.open(new RedisEndpoint.Limits(2, half, half, half))) {
            Result result = new RedisHealthCheck(redis).execute();
            assertThat(result.isHealthy()).isFalse();
            assertThat(result.getMessage()).startsWith("redis PING failed: ").doesNotContain(password);
            assertThat(result.getError()).isNull();
        }
    }
}
