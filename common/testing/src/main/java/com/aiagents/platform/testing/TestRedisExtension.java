package com.aiagents.platform.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code @RegisterExtension static TestRedisExtension redis = new TestRedisExtension();} */
public final class TestRedisExtension implements BeforeAllCallback, AfterAllCallback {
    private TestRedis redis;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = TestRedis.claim();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }

    public TestRedis get() {
        if (redis == null) {
            throw new IllegalStateException("TestRedisExtension must be registered as a static field");
        }
        return redis;
    }
}
