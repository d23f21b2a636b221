package com.aiagents.platform.gateway.core;

import com.aiagents.platform.gateway.RedisConfig;
import com.aiagents.platform.testing.TestRedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** A test class's Redis, reached through the gateway's own pool configuration, emptied before each test. */
abstract class EmptyRedisTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();
    static UnifiedJedis pool;

    @BeforeAll
    static void connect() {
        RedisConfig config = new RedisConfig();
        config.setUrl(redis.get().url());
        pool = config.open();
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    @BeforeEach
    void empty() {
        redis.get().flush();
    }
}
