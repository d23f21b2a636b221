package com.aiagents.platform.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.testing.TestRedisExtension;
import io.dropwizard.util.Duration;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** The consumer loop on a real Redis with a stand-in handler: ack, retry to dead, graceful stop. */
@SuppressWarnings("deprecation")
class QueueConsumerTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private JedisPool pool;
    private final AtomicInteger active = new AtomicInteger();

    @BeforeEach
    void setUp() {
        redis.get().flush();
        pool = new JedisPool(redis.get().url());
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    private QueueConsumer consumer(String worker, JobHandler handler, Duration grace) {
        QueueSettings s = new QueueSettings();
        s.setConcurrency(4);
        s.setMaxAttempts(3);
        s.setIdlePoll(Duration.milliseconds(20));
        s.setDispatchWait(Duration.milliseconds(100));
        s.setPromoteInterval(Duration.milliseconds(20));
        s.setShutdownGrace(grace);
        RetryPolicy retries = new RetryPolicy(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20), 0, () -> 0);
        return new QueueConsumer(new ReliableQueue(pool, worker, 2, 100), new QueueMaintenance(pool), handler, retries, s,
                Clock.systemUTC(), new QueueConsumer.Listener() {
                    @Override
                    public void activeTasks(int count) {
                        active.set(count);
                    }

                    @Override
                    public void finished(ClaimedJob job, JobOutcome outcome, boolean retried) {
                    }
                });
    }

    private void enqueue(String tenant, int n) {
        try (Jedis jedis = redis.get().connect()) {
            for (int i = 0; i < n; i++) {
                jedis.lpush(QueueNames.INGRESS, JobCodec.write(QueueScriptsTest.job(tenant, tenant + "-" + i)));
            }
        }
    }

    @Test
    void everyJobIsHandledOnceAndAcknowledged() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        QueueConsumer consumer = consumer("c1", (job, lease) -> {
            calls.incrementAndGet();
            seen.add(job.job().jobId());
            return lease.stillHeld() ? JobOutcome.done("posted") : JobOutcome.retry("lost");
        }, Duration.seconds(5));
        enqueue("t1", 60);
        enqueue("t2", 40);
        consumer.start();
        try {
            await().atMost(java.time.Duration.ofSeconds(20)).until(() -> seen.size() == 100);
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> active.get() == 0);
        } finally {
            consumer.stop();
        }
        assertThat(calls.get()).isEqualTo(100);
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen("enhancement_queue:t1") + jedis.llen("enhancement_queue:t2")).isZero();
            assertThat(jedis.llen(QueueKeys.processing("c1"))).isZero();
            assertThat(jedis.sismember(QueueKeys.WORKERS, "c1")).isFalse();
        }
    }

    @Test
    void aFailingJobIsRetriedThenDeadLettered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        QueueConsumer consumer = consumer("c2", (job, lease) -> {
            attempts.incrementAndGet();
            return JobOutcome.retry("sdp_server_error");
        }, Duration.seconds(5));
        enqueue("t1", 1);
        consumer.start();
        try {
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> new DeadLetters(pool).size() == 1);
        } finally {
            consumer.stop();
        }
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(JobCodec.readTree(new DeadLetters(pool).list(0, 1).get(0)).get("dead_reason").asText())
                .isEqualTo("retries_exhausted:sdp_server_error");
    }

    @Test
    void stoppingGivesBackJobsThatDoNotFinishInTheGracePeriod() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        QueueConsumer consumer = consumer("c3", (job, lease) -> {
            started.countDown();
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lease.stillHeld() ? JobOutcome.done("posted") : JobOutcome.done("lease_lost");
        }, Duration.milliseconds(200));
        enqueue("t1", 1);
        consumer.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        consumer.stop();
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen("enhancement_queue:t1")).isEqualTo(1);
            assertThat(jedis.llen(QueueKeys.processing("c3"))).isZero();
            assertThat(jedis.hget(QueueKeys.INFLIGHT, "t1")).isNull();
        }
    }
}
