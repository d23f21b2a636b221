package com.aiagents.platform.gateway.support;

import com.aiagents.platform.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A redis-server process of the test class's own, which a test may stop and restart. */
public final class PrivateRedisExtension implements BeforeAllCallback, AfterAllCallback {
    private TestRedis redis;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = TestRedis.onPrivateServer();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }

    public TestRedis get() {
        return redis;
    }
}
