package com.aiagents.platform.worker.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.WebhookArrivals;
import com.aiagents.platform.testing.TestRedis;
import com.aiagents.platform.testing.TestRedisExtension;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.aiagents.platform.worker.queue.ReliableQueue;
import com.aiagents.platform.worker.synthesis.LlmTokenBudget;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A tenant's whole Redis footprint, made by the real queue and budget, then erased; its neighbours' stays. */
class TenantRedisErasureTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private UnifiedJedis pool;
    private final TenantRedisErasure erasure = new TenantRedisErasure(JsonMapper.create());

    @BeforeEach
    void setUp() {
        TestRedis r = redis.get();
        r.flush();
        pool = RedisClient.create(r.url());
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    @Test
    void everyKeyAndEntryOfTheTenantGoesAndNothingOfItsNeighbour() {
        // "known" is also the last part of a shared key: the tenant owning that name must not take it
        for (String gone : List.of("gone-corp", "known")) {
            String stays = "stays-corp";
            footprint(gone, stays);
            assertThat(traces(gone)).as("the footprint exists").isNotEmpty();
            List<String> before = traces(stays);

            TenantRedisErasure.Result result = erasure.erase(pool, TenantId.of(gone));

            assertThat(traces(gone)).as("nothing of " + gone + " in the keyspace").isEmpty();
            assertThat(result.keysDeleted() + result.entriesRemoved()).isPositive();
            assertThat(traces(stays)).as("the neighbour is untouched").isEqualTo(before);
            assertThat(pool.exists(QueueKeys.KNOWN)).isTrue();
            redis.get().flush();
        }
    }

    @Test
    void anHoursCountOfAcceptedWebhooksLosesTheTenantsFieldAndKeepsTheOthers() {
        String hour = WebhookArrivals.acceptedKey(java.time.Instant.parse("2026-12-06T01:15:00Z"));
        pool.hset(hour, Map.of("gone-corp", "4", "stays-corp", "2"));

        erasure.erase(pool, TenantId.of("gone-corp"));

        assertThat(pool.hgetAll(hour)).isEqualTo(Map.of("stays-corp", "2"));
        assertThat(TenantRedisErasure.ownedBy(hour, TenantId.of("gone-corp"))).isFalse();
    }

    @Test
    void onlyKeysNamingTheTenantAfterNoSharedNamespaceAreItsOwn() {
        TenantId known = TenantId.of("known");
        assertThat(TenantRedisErasure.ownedBy(QueueKeys.tenant("known"), known)).isTrue();
        assertThat(TenantRedisErasure.ownedBy(QueueKeys.KNOWN, known)).isFalse();
        assertThat(TenantRedisErasure.ownedBy(QueueKeys.processing("known"), known)).as("a worker's list").isFalse();
        assertThat(TenantRedisErasure.ownedBy(QueueKeys.tenant("known-two"), known)).isFalse();
    }

    /** Jobs dispatched, claimed (processing, in-flight, ring), retried (delayed), dead, and LLM tokens spent. */
    private void footprint(String... tenants) {
        ReliableQueue queue = new ReliableQueue(pool, "w1", 2, 500, Duration.ofMinutes(5), 5);
        queue.join(Duration.ofSeconds(30));
        LlmTokenBudget budget = new LlmTokenBudget(pool, 1000, Clock.systemUTC(), new CollectorRegistry());
        UnifiedJedis jedis = pool;
        {
            for (String tenant : tenants) {
                for (int i = 0; i < 3; i++) {
                    jedis.lpush(QueueNames.INGRESS, JobCodec.write(job(tenant, tenant + "-" + i)));
                }
                budget.spend(tenant, 10, 20);
            }
            queue.dispatch();
            queue.claim();
            queue.claim();
            for (String tenant : tenants) {
                jedis.lpush(QueueNames.DEAD, JobCodec.write(job(tenant, tenant + "-dead")));
                jedis.zadd(QueueKeys.DELAYED, 1, JobCodec.write(job(tenant, tenant + "-later")));
                jedis.lpush(QueueNames.INGRESS, JobCodec.write(job(tenant, tenant + "-new")));
            }
        }
    }

    private static EnhancementJob job(String tenant, String id) {
        return new EnhancementJob(id, tenant, "T-" + id, "request_created", "ek-" + id,
                Instant.parse("2026-01-01T00:00:00Z"), 0, null);
    }

    /** The queue's own keys (QueueKeys' constants): a tenant may share a name with their last part. */
    private static List<String> sharedKeys() {
        List<String> keys = new ArrayList<>();
        for (java.lang.reflect.Field field : QueueKeys.class.getFields()) {
            if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                try {
                    keys.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return keys;
    }

    /** Every key naming the tenant and every list, set, sorted set or hash entry that holds it, sorted. */
    private List<String> traces(String tenant) {
        List<String> found = new ArrayList<>();
        UnifiedJedis jedis = pool;
        {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(500));
                for (String key : page.getResult()) {
                    if (List.of(key.split(":")).contains(tenant) && !sharedKeys().contains(key)) {
                        found.add("key " + key);
                    }
                    List<String> values = switch (jedis.type(key)) {
                        case "list" -> jedis.lrange(key, 0, -1);
                        case "zset" -> jedis.zrange(key, 0, -1);
                        case "set" -> new ArrayList<>(jedis.smembers(key));
                        case "hash" -> new ArrayList<>(jedis.hkeys(key));
                        default -> List.of();
                    };
                    values.stream().filter(v -> v.equals(tenant) || v.contains("\"tenant_id\":\"" + tenant + "\""))
                            .forEach(v -> found.add(key + " holds " + v));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        found.sort(null);
        return found;
    }
}
