package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gateway.RedisConfig;
import com.aiagents.platform.testing.TestRedisExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

@SuppressWarnings("deprecation")
class TenantRateLimiterTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();
    static JedisPool pool;

    @BeforeAll
    static void connect() {
        RedisConfig config = new RedisConfig();
        config.setUrl(redis.get().url());
        pool = config.buildPool();
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    private static WebhookOutcome attempt(TenantRateLimiter limiter, TenantId tenant, int limit) {
        try {
            limiter.acquire(tenant, limit, UUID.randomUUID().toString());
            return WebhookOutcome.ACCEPTED;
        } catch (WebhookRejection r) {
            return r.outcome();
        }
    }

    @Test
    void admitsExactlyTheLimitPerWindowThenSaysWhenToRetry() {
        TenantRateLimiter limiter = new TenantRateLimiter(pool, Duration.ofMinutes(1));
        TenantId tenant = TenantId.of("limited");
        for (int i = 0; i < 5; i++) {
            assertThat(attempt(limiter, tenant, 5)).isEqualTo(WebhookOutcome.ACCEPTED);
        }
        assertThatThrownBy(() -> limiter.acquire(tenant, 5, "r6"))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.outcome()).isEqualTo(WebhookOutcome.RATE_LIMITED);
                    assertThat(r.retryAfterSeconds()).isBetween(1L, 60L);
                });
    }

    @Test
    void tenantsHaveSeparateBudgetsAndTheStateExpiresWithTheWindow() {
        TenantRateLimiter limiter = new TenantRateLimiter(pool, Duration.ofMinutes(1));
        assertThat(attempt(limiter, TenantId.of("first"), 1)).isEqualTo(WebhookOutcome.ACCEPTED);
        assertThat(attempt(limiter, TenantId.of("first"), 1)).isEqualTo(WebhookOutcome.RATE_LIMITED);
        assertThat(attempt(limiter, TenantId.of("second"), 1)).isEqualTo(WebhookOutcome.ACCEPTED);
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.zcard(TenantRateLimiter.key(TenantId.of("first")))).isEqualTo(1);
            assertThat(jedis.pttl(TenantRateLimiter.key(TenantId.of("first")))).isBetween(1L, 60_000L);
        }
    }

    @Test
    void aLoweredLimitAppliesToRequestsAlreadyInTheWindow() {
        TenantRateLimiter limiter = new TenantRateLimiter(pool, Duration.ofMinutes(1));
        TenantId tenant = TenantId.of("lowered");
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(limiter, tenant, 10)).isEqualTo(WebhookOutcome.ACCEPTED);
        }
        assertThat(attempt(limiter, tenant, 2)).isEqualTo(WebhookOutcome.RATE_LIMITED);
    }
}
