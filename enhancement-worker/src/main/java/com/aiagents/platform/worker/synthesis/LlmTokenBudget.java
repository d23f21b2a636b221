package com.aiagents.platform.worker.synthesis;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each tenant's LLM tokens for the current UTC day, counted in Redis so every worker replica
 * spends from the same budget. Once a tenant has spent its budget, its notes come from the
 * deterministic synthesizer (reason {@code llm_budget_spent}) until midnight UTC. Counting happens
 * after the call, so a day may overshoot by the calls already in flight.
 * Metrics: {@code enhancement_llm_budget_exhausted_total{tenant_id}} (notes that fell back for it),
 * {@code enhancement_llm_budget_used_ratio{tenant_id}} (share of today's budget spent).
 */
public final class LlmTokenBudget {
    private static final int KEEP_SECONDS = 2 * 24 * 3600;
    /** Counts the tokens and (re)sets the counter's expiry in one step. */
    private static final String COUNT = "local n = redis.call('INCRBY', KEYS[1], ARGV[1]) "
            + "redis.call('EXPIRE', KEYS[1], ARGV[2]) return n";

    private final UnifiedJedis redis;
    private final long dailyTokens;
    private final Clock clock;
    private final Counter exhausted;
    private final Gauge usedRatio;

    public LlmTokenBudget(UnifiedJedis redis, long dailyTokens, Clock clock, CollectorRegistry registry) {
        this.redis = redis;
        this.dailyTokens = dailyTokens;
        this.clock = clock;
        this.exhausted = Counter.build("enhancement_llm_budget_exhausted_total",
                "Notes written by the deterministic synthesizer because the tenant's daily LLM token budget was spent")
                .labelNames("tenant_id").register(registry);
        this.usedRatio = Gauge.build("enhancement_llm_budget_used_ratio",
                "Share of the tenant's daily LLM token budget spent today, as this worker last saw it")
                .labelNames("tenant_id").register(registry);
    }

    /** True when the tenant may call the LLM now; counts a refusal in the metric. */
    public boolean allows(String tenantId) {
        if (dailyTokens <= 0) {
            return true;
        }
        String spent;
        spent = redis.get(key(tenantId));
        boolean allowed = spent == null || Long.parseLong(spent) < dailyTokens;
        if (!allowed) {
            exhausted.labels(tenantId).inc();
        }
        return allowed;
    }

    public void spend(String tenantId, Integer promptTokens, Integer completionTokens) {
        long tokens = (promptTokens == null ? 0 : promptTokens) + (completionTokens == null ? 0 : completionTokens);
        if (dailyTokens <= 0 || tokens == 0) {
            return;
        }
        String key = key(tenantId);
        long total;
        // one script (not MULTI, which Redis Cluster clients refuse): a process killed between the two
        // commands would leave a counter without a TTL
        total = (Long) redis.eval(COUNT, List.of(key), List.of(Long.toString(tokens), Integer.toString(KEEP_SECONDS)));
        usedRatio.labels(tenantId).set(Math.min(1.0, (double) total / dailyTokens));
    }

    /** Under the queue's hash tag, so it lives in the same slot as the queue on a Redis Cluster. */
    String key(String tenantId) {
        return "{enhancement_queue}:llm-tokens:" + tenantId + ":" + LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
