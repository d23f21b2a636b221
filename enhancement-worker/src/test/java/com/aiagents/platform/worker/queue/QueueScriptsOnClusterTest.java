package com.aiagents.platform.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.redis.RedisEndpoint;
import com.aiagents.platform.testing.RedisClusterNodes;
import com.aiagents.platform.worker.synthesis.LlmTokenBudget;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Every queue step of {@link QueueScriptsTest} (dispatch, claim, ack, retry, dead letters, the
 * reaper, reconcile, give-backs, reconciliation's enqueue) on a three-node Redis Cluster the test starts (ports 7100-7102):
 * each script is given all the keys it touches, and they share one slot, or the cluster client
 * refuses the call.
 */
class QueueScriptsOnClusterTest extends QueueScriptsTest {
    private static RedisClusterNodes cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterNodes.start(7100);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected UnifiedJedis emptyRedis() {
        cluster.flushAll();
        RedisEndpoint endpoint = new RedisEndpoint();
        endpoint.setClusterNodes(cluster.seeds());
        Duration timeout = Duration.ofSeconds(2);
        UnifiedJedis client = endpoint.open(new RedisEndpoint.Limits(8, timeout, timeout, timeout));
        assertThat(client).isInstanceOf(RedisClusterClient.class);
        return client;
    }

    @Test
    void theLlmTokenBudgetCountsInOneStepOnTheClusterToo() {
        LlmTokenBudget budget = new LlmTokenBudget(client, 100, Clock.systemUTC(), new CollectorRegistry());
        budget.spend("acme", 60, 50);
        assertThat(budget.allows("acme")).as("110 of 100 tokens spent").isFalse();
        assertThat(budget.allows("beta")).isTrue();
    }

    @Test
    void theQueueKeysShareTheIngressListsSlot() {
        int slot = JedisClusterCRC16.getSlot(QueueNames.INGRESS);
        assertThat(JedisClusterCRC16.getSlot(QueueNames.DEAD)).isEqualTo(slot);
        assertThat(JedisClusterCRC16.getSlot(QueueKeys.tenant("acme"))).isEqualTo(slot);
        assertThat(JedisClusterCRC16.getSlot(QueueKeys.processing("w1"))).isEqualTo(slot);
        assertThat(JedisClusterCRC16.getSlot(ReconciledJobs.dedupKey(TenantId.of("acme"), "ek"))).isEqualTo(slot);
        assertThat(JedisClusterCRC16.getSlot("enhancement_queue:dead")).as("the untagged name did not").isNotEqualTo(slot);
    }
}
