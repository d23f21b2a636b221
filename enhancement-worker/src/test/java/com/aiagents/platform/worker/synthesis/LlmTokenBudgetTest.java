package com.aiagents.platform.worker.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.testing.TestRedisExtension;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The daily budget on a real Redis: shared by every worker, per tenant, reset by the UTC day. */
class LlmTokenBudgetTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    @Test
    void aTenantThatSpentItsDayFallsBackOthersDoNotAndTheNextDayStartsAfresh() {
        redis.get().flush();
        CollectorRegistry registry = new CollectorRegistry();
        try (UnifiedJedis pool = RedisClient.create(redis.get().url())) {
            Clock today = Clock.fixed(Instant.parse("2026-12-04T23:59:00Z"), ZoneOffset.UTC);
            LlmTokenBudget budget = new LlmTokenBudget(pool, 100, today, registry);
            LlmTokenBudget otherWorker = new LlmTokenBudget(pool, 100, today, new CollectorRegistry());

            assertThat(budget.allows("acme")).isTrue();
            budget.spend("acme", 40, 20);
            otherWorker.spend("acme", 30, 15);
            assertThat(budget.allows("acme")).as("105 of 100 tokens spent across two workers").isFalse();
            assertThat(budget.allows("globex")).isTrue();
            assertThat(registry.getSampleValue("enhancement_llm_budget_exhausted_total",
                    new String[] {"tenant_id"}, new String[] {"acme"})).isEqualTo(1.0);
            assertThat(registry.getSampleValue("enhancement_llm_budget_used_ratio",
                    new String[] {"tenant_id"}, new String[] {"acme"})).isEqualTo(0.6);
            try (Jedis jedis = redis.get().connect()) {
                assertThat(jedis.ttl(budget.key("acme"))).as("the counter expires").isPositive();
            }

            LlmTokenBudget tomorrow = new LlmTokenBudget(pool, 100,
                    Clock.fixed(Instant.parse("2026-12-05T00:01:00Z"), ZoneOffset.UTC), new CollectorRegistry());
            assertThat(tomorrow.allows("acme")).isTrue();
            assertThat(new LlmTokenBudget(pool, 0, today, new CollectorRegistry()).allows("acme"))
                    .as("0 means no limit").isTrue();
        }
    }
}
