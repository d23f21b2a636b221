package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.gateway.RedisConfig;
import com.aiagents.platform.testing.TestRedisExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

@SuppressWarnings("deprecation")
class JobEnqueuerTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();
    static JedisPool pool;
    private final ObjectMapper mapper = JsonMapper.create();
    private final JobEnqueuer enqueuer = new JobEnqueuer(pool, mapper, Duration.ofMinutes(10));

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

    @BeforeEach
    void empty() {
        redis.get().flush();
    }

    private static EnhancementJob job(String jobId) {
        return new EnhancementJob(jobId, "acme", "TKT-1", EnhancementJob.REQUEST_CREATED, "ek",
                Instant.parse("2026-03-01T12:00:00Z"), 0, null);
    }

    @Test
    void enqueuesOnceAndAnswersRepeatsWithTheFirstJobId() throws Exception {
        JobEnqueuer.Enqueued first = enqueuer.enqueue(QueueNames.INGRESS, "abc", job("job-1"));
        JobEnqueuer.Enqueued repeat = enqueuer.enqueue(QueueNames.INGRESS, "abc", job("job-2"));

        assertThat(first).isEqualTo(new JobEnqueuer.Enqueued("job-1", false));
        assertThat(repeat).isEqualTo(new JobEnqueuer.Enqueued("job-1", true));
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).isEqualTo(1);
            EnhancementJob queued = mapper.readValue(jedis.lindex(QueueNames.INGRESS, 0), EnhancementJob.class);
            assertThat(queued).isEqualTo(job("job-1"));
            String dedupKey = JobEnqueuer.dedupKey(TenantId.of("acme"), "abc");
            assertThat(jedis.get(dedupKey)).isEqualTo("job-1");
            assertThat(jedis.pttl(dedupKey)).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void differentBodiesAreDifferentJobs() {
        enqueuer.enqueue(QueueNames.INGRESS, "body-a", job("job-a"));
        enqueuer.enqueue(QueueNames.INGRESS, "body-b", job("job-b"));
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).isEqualTo(2);
        }
    }

    @Test
    void premiumTenantsGetTheirOwnListOnlyWhenConfigured() {
        TenantId acme = TenantId.of("acme");
        TenantRuntimeConfig premium = new TenantRuntimeConfig("acme", TenantStatus.ACTIVE, Tier.PREMIUM, null,
                RateLimits.defaults(), null, null);
        TenantRuntimeConfig basic = new TenantRuntimeConfig("acme", TenantStatus.ACTIVE, Tier.BASIC, null,
                RateLimits.defaults(), null, null);
        assertThat(new QueueRouting(false).queueFor(acme, premium)).isEqualTo("enhancement_queue");
        assertThat(new QueueRouting(true).queueFor(acme, premium)).isEqualTo("enhancement_queue:acme");
        assertThat(new QueueRouting(true).queueFor(acme, basic)).isEqualTo("enhancement_queue");
    }
}
