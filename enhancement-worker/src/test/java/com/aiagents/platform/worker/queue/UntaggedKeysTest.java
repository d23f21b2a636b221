package com.aiagents.platform.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.testing.TestRedisExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The upgrade from the untagged key names: a Redis as the previous version left it (dead letters,
 * a delayed retry, a tenant's waiting jobs, a stopped worker's and a running worker's held jobs, the
 * claim counter) loses nothing, and a second pass changes nothing.
 */
class UntaggedKeysTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private UnifiedJedis client;

    @BeforeEach
    void setUp() {
        redis.get().flush();
        client = RedisClient.create(redis.get().url());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static String job(String tenant, String id) {
        return JobCodec.write(QueueScriptsTest.job(tenant, id));
    }

    @Test
    void whatTheOldNamesHoldMovesToTheTaggedOnesOnceAndForAll() {
        client.lpush("enhancement_queue:dead", "dead-older", "dead-newer");
        client.zadd("enhancement_queue:delayed", 1234, job("acme", "retry"));
        client.sadd("enhancement_queue:tenants:known", "acme");
        client.lpush("enhancement_queue:acme", job("acme", "waiting-1"), job("acme", "waiting-2"));
        client.zadd("enhancement_queue:tenants", 0, "acme");
        client.hset("enhancement_queue:inflight", "acme", "2");
        client.sadd("enhancement_queue:workers", "old-stopped", "old-running");
        client.lpush("enhancement_queue:processing:old-stopped", job("acme", "held-by-stopped"));
        client.lpush("enhancement_queue:processing:old-running", job("acme", "held-by-running"));
        client.set("enhancement_queue:heartbeat:old-running", "alive");
        client.set("enhancement_queue:workers:claims", "500");
        UntaggedKeys untagged = new UntaggedKeys(client);

        UntaggedKeys.Moved first = untagged.migrate();

        assertThat(first).as("2 dead, 1 delayed, 2 waiting, 1 held by the stopped worker").isEqualTo(new UntaggedKeys.Moved(6, 1));
        assertThat(client.lrange(QueueNames.DEAD, 0, -1)).containsExactly("dead-newer", "dead-older");
        assertThat(client.zscore(QueueKeys.DELAYED, job("acme", "retry"))).isEqualTo(1234.0);
        assertThat(client.lrange(QueueNames.INGRESS, 0, -1)).extracting(j -> JobCodec.read(j).jobId())
                .containsExactlyInAnyOrder("waiting-1", "waiting-2", "held-by-stopped");
        assertThat(client.get(QueueKeys.CLAIM_TOKENS)).isEqualTo("500");
        assertThat(client.llen("enhancement_queue:processing:old-running")).as("a running old worker keeps its job").isEqualTo(1);
        assertThat(client.exists("enhancement_queue:dead", "enhancement_queue:delayed", "enhancement_queue:acme",
                "enhancement_queue:processing:old-stopped")).isZero();

        client.del("enhancement_queue:heartbeat:old-running"); // it stopped
        assertThat(untagged.migrate()).isEqualTo(new UntaggedKeys.Moved(1, 0));
        assertThat(client.llen(QueueNames.INGRESS)).isEqualTo(4);
        assertThat(client.exists("enhancement_queue:workers", "enhancement_queue:tenants:known", "enhancement_queue:tenants",
                "enhancement_queue:inflight", "enhancement_queue:workers:claims")).isZero();
        assertThat(untagged.migrate()).as("nothing left: a no-op").isEqualTo(new UntaggedKeys.Moved(0, 0));

        ReliableQueue queue = new ReliableQueue(client, "new-1", 10, 100, Duration.ofMinutes(5), 5);
        queue.join(Duration.ofSeconds(30));
        queue.dispatch();
        ClaimedJob claimed = queue.claim().orElseThrow();
        assertThat(JobCodec.claimToken(claimed.raw())).as("above every claim of the old version").isGreaterThan(500);
        assertThat(List.of("waiting-1", "waiting-2", "held-by-stopped", "held-by-running")).contains(claimed.job().jobId());
    }
}
