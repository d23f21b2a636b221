package com.aiagents.platform.gateway;

import static com.aiagents.platform.gateway.support.Deliveries.signed;
import static com.aiagents.platform.gateway.support.Deliveries.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.GatewayClient;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import com.aiagents.platform.testing.RedisNodes;
import com.aiagents.platform.testing.RedisSentinelNodes;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Repeated Sentinel failovers under load (a primary, a replica, three sentinels on ports
 * 7120-7124): the primary is killed with SIGKILL while two gateways take webhooks, one answering 202
 * right after the admission script, one after {@code WAIT 1} (REDIS_WAIT_REPLICAS=1). Every job a
 * gateway acknowledged with a 202 is looked for on the primary left at the end; those missing are
 * the acknowledged jobs the failovers lost. With the wait none may be missing: a 202 then means a
 * replica had the job, and the only replica is the one promoted. Without it the count is reported
 * (docs/queue.md).
 */
class SentinelFailoverTest {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelFailoverTest.class);
    private static final int FAILOVERS = 3;
    private static final int SENDERS = 4;
    /** Deliveries each gateway answers before a kill, after a failover and at the end. */
    private static final int TRAFFIC = 20;

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final Sentinels sentinels = new Sentinels();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> plain = GatewayApps.gateway("plain",
            () -> "redis://127.0.0.1:7120/0", registry, sentinelSettings("0"));

    @RegisterExtension
    @Order(3)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> waiting = GatewayApps.gateway("waiting",
            () -> "redis://127.0.0.1:7120/0", registry, sentinelSettings("1"));

    private static Map<String, String> sentinelSettings(String waitReplicas) {
        return Map.of("redis.sentinelMaster", RedisSentinelNodes.MASTER,
                "redis.sentinels", "127.0.0.1:7122,127.0.0.1:7123,127.0.0.1:7124",
                "redis.waitReplicas", waitReplicas, "redis.waitTimeout", "400 milliseconds");
    }

    /** Acknowledged job ids of one gateway, and how its deliveries were answered. */
    private static final class Tally {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

        int answers() {
            return statuses.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void withTheReplicaWaitNoAcknowledgedJobIsLostAcrossRepeatedFailovers() throws Exception {
        String secret = registry.create("failover-corp", WebhookAuthMode.HMAC, Tier.BASIC, 100_000);
        Tally withoutWait = new Tally();
        Tally withWait = new Tally();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(2 * SENDERS);
        List<Future<?>> running = new ArrayList<>();
        try (GatewayClient a = new GatewayClient(plain.getLocalPort());
             GatewayClient b = new GatewayClient(waiting.getLocalPort())) {
            for (int i = 0; i < SENDERS; i++) {
                running.add(senders.submit(() -> send(a, secret, withoutWait, sending)));
                running.add(senders.submit(() -> send(b, secret, withWait, sending)));
            }
            for (int round = 0; round < FAILOVERS; round++) {
                awaitTraffic(withoutWait, withWait);
                int primary = sentinels.nodes.currentPrimary();
                sentinels.nodes.kill(primary);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> sentinels.nodes.currentPrimary() != primary);
                awaitTraffic(withoutWait, withWait); // on the new primary, without its replica yet
                sentinels.nodes.restart(primary);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> sentinels.nodes.replicaInSync(sentinels.nodes.currentPrimary()));
            }
            awaitTraffic(withoutWait, withWait);
        } finally {
            sending.set(false);
            for (Future<?> sender : running) {
                sender.get();
            }
            senders.shutdown();
        }

        Set<String> queued = new HashSet<>();
        try (Jedis primary = RedisNodes.connect(sentinels.nodes.currentPrimary())) {
            for (String job : primary.lrange(QueueNames.INGRESS, 0, -1)) {
                queued.add(JsonMapper.create().readTree(job).path("job_id").asText());
            }
        }
        long lostWithout = withoutWait.acknowledged.stream().filter(id -> !queued.contains(id)).count();
        long lostWith = withWait.acknowledged.stream().filter(id -> !queued.contains(id)).count();
        LOG.info("failovers={} without_wait: acknowledged={} lost={} answers={}; with_wait: acknowledged={} lost={} answers={}",
                FAILOVERS, withoutWait.acknowledged.size(), lostWithout, withoutWait.statuses,
                withWait.acknowledged.size(), lostWith, withWait.statuses);
        assertThat(withoutWait.acknowledged).as("the gateway without the wait took jobs").isNotEmpty();
        assertThat(withWait.acknowledged).as("the gateway with the wait took jobs").isNotEmpty();
        assertThat(withWait.statuses.keySet()).as("every answer a 202 or a 503, never a 500").isSubsetOf(202, 503);
        assertThat(lostWith).as("acknowledged jobs lost with WAIT 1").isZero();
    }

    private static void send(GatewayClient gateway, String secret, Tally tally, AtomicBoolean sending) {
        while (sending.get()) {
            byte[] body = ticket();
            GatewayClient.Reply reply = gateway.webhook("failover-corp", body, signed(secret, body));
            tally.statuses.merge(reply.code(), 1, Integer::sum);
            if (reply.code() == 202) {
                tally.acknowledged.add(reply.jobId());
            }
        }
    }

    /**
     * Until both gateways answered {@link #TRAFFIC} more deliveries: traffic on the primary of the
     * moment (answers, not 202s: with its replica down the waiting gateway answers 503).
     */
    private static void awaitTraffic(Tally first, Tally second) {
        int firstBefore = first.answers();
        int secondBefore = second.answers();
        await().atMost(Duration.ofSeconds(60)).until(() -> first.answers() >= firstBefore + TRAFFIC
                && second.answers() >= secondBefore + TRAFFIC);
    }

    /** The Sentinel-watched Redis, started before the gateways and stopped after them. */
    static final class Sentinels implements BeforeAllCallback, AfterAllCallback {
        RedisSentinelNodes nodes;

        @Override
        public void beforeAll(ExtensionContext context) {
            nodes = RedisSentinelNodes.start(7120);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (nodes != null) {
                nodes.close();
            }
        }
    }
}
