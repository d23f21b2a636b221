package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gateway.RedisConfig;
import com.aiagents.platform.gateway.core.AdmissionStore.Admission;
import com.aiagents.platform.gateway.core.AdmissionStore.PendingJob;
import com.aiagents.platform.testing.TestRedisExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

@SuppressWarnings("deprecation")
class AdmissionStoreTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();
    static JedisPool pool;

    private final ObjectMapper mapper = JsonMapper.create();
    private final AdmissionStore store = new AdmissionStore(pool, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10));
    private final TenantId acme = TenantId.of("acme");

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

    private static PendingJob pending(String jobId, String bodySha) {
        return new PendingJob(QueueNames.INGRESS, bodySha, new EnhancementJob(jobId, "acme", "TKT-1",
                EnhancementJob.REQUEST_CREATED, "ek", Instant.parse("2026-03-01T12:00:00Z"), 0, null));
    }

    private Admission admit(TenantId tenant, int limit, PendingJob job) {
        return store.admit(tenant, limit, job == null ? UUID.randomUUID().toString() : job.job().jobId(), job);
    }

    private long queueLength() {
        try (Jedis jedis = pool.getResource()) {
            return jedis.llen(QueueNames.INGRESS);
        }
    }

    @Test
    void enqueuesOnceAndAnswersRepeatsWithTheFirstJobId() throws Exception {
        assertThat(admit(acme, 100, pending("job-1", "abc"))).isEqualTo(new Admission(false, 0, "job-1", false));
        assertThat(admit(acme, 100, pending("job-2", "abc"))).isEqualTo(new Admission(false, 0, "job-1", true));

        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).isEqualTo(1);
            assertThat(mapper.readValue(jedis.lindex(QueueNames.INGRESS, 0), EnhancementJob.class))
                    .isEqualTo(pending("job-1", "abc").job());
            String dedupKey = AdmissionStore.dedupKey(acme, "abc");
            assertThat(jedis.get(dedupKey)).isEqualTo("job-1");
            assertThat(jedis.pttl(dedupKey)).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void differentBodiesAreDifferentJobs() {
        admit(acme, 100, pending("job-a", "body-a"));
        admit(acme, 100, pending("job-b", "body-b"));
        assertThat(queueLength()).isEqualTo(2);
    }

    @Test
    void admitsExactlyTheLimitPerWindowThenSaysWhenToRetryAndWritesNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(admit(acme, 5, pending("job-" + i, "body-" + i)).limited()).isFalse();
        }
        Admission over = admit(acme, 5, pending("job-6", "body-6"));

        assertThat(over.limited()).isTrue();
        assertThat(over.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(queueLength()).isEqualTo(5);
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.exists(AdmissionStore.dedupKey(acme, "body-6"))).isFalse();
        }
    }

    @Test
    void anUnparsedBodyStillSpendsARequestButEnqueuesNothing() {
        assertThat(admit(acme, 2, null)).isEqualTo(new Admission(false, 0, null, false));
        assertThat(admit(acme, 2, null).limited()).isFalse();
        assertThat(admit(acme, 2, pending("job-1", "abc")).limited()).isTrue();
        assertThat(queueLength()).isZero();
    }

    @Test
    void tenantsHaveSeparateBudgetsAndTheStateExpiresWithTheWindow() {
        TenantId first = TenantId.of("first");
        assertThat(admit(first, 1, null).limited()).isFalse();
        assertThat(admit(first, 1, null).limited()).isTrue();
        assertThat(admit(TenantId.of("second"), 1, null).limited()).isFalse();
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.zcard(AdmissionStore.rateKey(first))).isEqualTo(1);
            assertThat(jedis.pttl(AdmissionStore.rateKey(first))).isBetween(1L, 60_000L);
        }
    }

    @Test
    void aLoweredLimitAppliesToRequestsAlreadyInTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(admit(acme, 10, null).limited()).isFalse();
        }
        assertThat(admit(acme, 2, null).limited()).isTrue();
    }

    @Test
    void afterAScriptFlushTheScriptIsLoadedAgain() {
        try (Jedis jedis = pool.getResource()) {
            jedis.scriptFlush();
        }
        assertThat(admit(acme, 10, pending("job-1", "abc")).jobId()).isEqualTo("job-1");
    }

    @Test
    void aRepeatedUpdateIsDedupedForTheShortUpdateWindowOnly() {
        AdmissionStore split = new AdmissionStore(pool, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofSeconds(30));
        EnhancementJob update = new EnhancementJob("job-u1", "acme", "TKT-1", EnhancementJob.REQUEST_UPDATED, "ek",
                Instant.parse("2026-03-01T12:00:00Z"), 0, null);
        assertThat(split.admit(acme, 100, "job-u1", new PendingJob(QueueNames.INGRESS, "upd", update)))
                .isEqualTo(new Admission(false, 0, "job-u1", false));
        assertThat(split.admit(acme, 100, "job-c1", pending("job-c1", "cre")))
                .isEqualTo(new Admission(false, 0, "job-c1", false));
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.pttl(AdmissionStore.dedupKey(acme, "upd"))).isBetween(1L, Duration.ofSeconds(30).toMillis());
            assertThat(jedis.pttl(AdmissionStore.dedupKey(acme, "cre")))
                    .isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
        }
    }
}
