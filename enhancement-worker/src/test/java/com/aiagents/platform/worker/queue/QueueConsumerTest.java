package com.aiagents.platform.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.testing.TestRedisExtension;
import io.dropwizard.util.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The consumer loop on a real Redis with a stand-in handler: ack, retry to dead, graceful stop. */
class QueueConsumerTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private UnifiedJedis pool;
    private final List<String> finished = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        redis.get().flush();
        pool = RedisClient.create(redis.get().url());
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    private QueueConsumer consumer(String worker, JobHandler handler, Duration grace) {
        return consumer(pool, worker, handler, grace, new QueueSettings());
    }

    private QueueConsumer consumer(UnifiedJedis pool, String worker, JobHandler handler, Duration grace, QueueSettings s) {
        return consumer(pool, pool, worker, handler, grace, s);
    }

    /** @param choresPool the connections of the periodic chores (promote, reaper, reconcile) */
    private QueueConsumer consumer(UnifiedJedis pool, UnifiedJedis choresPool, String worker, JobHandler handler, Duration grace,
                                   QueueSettings s) {
        s.setConcurrency(4);
        s.setMaxAttempts(3);
        s.setIdlePoll(Duration.milliseconds(20));
        s.setDispatchWait(Duration.milliseconds(100));
        s.setPromoteInterval(Duration.milliseconds(20));
        s.setShutdownGrace(grace);
        // a heartbeat thread starved for the default 5 s on a busy machine would get the consumer
        // reaped mid-test; the tests about reaping delete the key themselves
        s.setHeartbeatTtl(Duration.seconds(30));
        RetryPolicy retries = new RetryPolicy(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20), 0, () -> 0);
        return new QueueConsumer(new ReliableQueue(pool, worker, 2, 100, s.getJobDeadline().toJavaDuration(), 3),
                new QueueMaintenance(choresPool, 3, 3), handler, retries, s,
                Clock.systemUTC(), new QueueConsumer.Listener() {
                    @Override
                    public void activeTasks(int count) {
                        // the tests read consumer.activeTasks(), the count itself
                    }

                    @Override
                    public void finished(ClaimedJob job, JobOutcome outcome, boolean retried) {
                        finished.add(job.job().jobId() + ":" + outcome);
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
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> consumer.activeTasks() == 0);
        } finally {
            consumer.stop();
        }
        assertThat(calls.get()).isEqualTo(100);
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen("{enhancement_queue}:t1") + jedis.llen("{enhancement_queue}:t2")).isZero();
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
            assertThat(jedis.llen("{enhancement_queue}:t1")).isEqualTo(1);
            assertThat(jedis.llen(QueueKeys.processing("c3"))).isZero();
            assertThat(jedis.hget(QueueKeys.INFLIGHT, "t1")).isNull();
        }
    }

    @Test
    void aWorkerWhoseJobsWereReapedRunsNoneOfThemTwiceAtOnceAndLosesNone() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> outcomes = new CopyOnWriteArrayList<>();
        QueueSettings s = new QueueSettings();
        s.setHeartbeatInterval(Duration.milliseconds(50));
        s.setReaperInterval(Duration.hours(1)); // the test reaps, as another worker's reaper would
        QueueConsumer consumer = consumer(pool, "c4", (job, lease) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                firstRunning.countDown();
                releaseFirst.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String outcome = lease.stillHeld() ? "posted" : "lease_lost";
            outcomes.add(outcome);
            running.decrementAndGet();
            return JobOutcome.done(outcome);
        }, Duration.seconds(5), s);
        try (LogCapture logs = LogCapture.attach()) {
            enqueue("t1", 1);
            consumer.start();
            try {
                assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
                // our heartbeat lapsed (a long pause, say) and a reaper returned the running job; the
                // heartbeat renews the key every 50 ms, so the reap must come before the next renewal
                QueueMaintenance reaper = new QueueMaintenance(pool, 3, 3);
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                    try (Jedis jedis = redis.get().connect()) {
                        jedis.del(QueueKeys.heartbeat("c4"));
                    }
                    return reaper.reapDeadWorkers().jobs() == 1;
                });
                // either the job is claimed again while its first run goes on, or the worker sees it was reaped
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> mostAtOnce.get() > 1
                        || !logs.linesContaining("event=worker_reaped_while_running").isEmpty());
                assertThat(mostAtOnce.get()).as("runs of the job at once").isEqualTo(1);

                releaseFirst.countDown(); // the first run ends; the worker rejoins and runs the job again
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> outcomes.size() == 2);
                await().atMost(java.time.Duration.ofSeconds(5)).until(() -> consumer.activeTasks() == 0);
            } finally {
                consumer.stop();
            }
        }
        assertThat(outcomes).containsExactly("lease_lost", "posted");
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen("{enhancement_queue}:t1")).isZero();
            assertThat(jedis.llen(QueueKeys.processing("c4"))).isZero();
            assertThat(jedis.hgetAll(QueueKeys.INFLIGHT)).isEmpty();
        }
    }

    @Test
    void stoppingReturnsAJobItStillHoldsInsteadOfLeavingItWithNobody() throws Exception {
        QueueConsumer consumer = consumer("c5", (job, lease) -> JobOutcome.done("posted"), Duration.seconds(5));
        consumer.start();
        String held = JobCodec.write(QueueScriptsTest.job("t1", "unsettled"));
        try (Jedis jedis = redis.get().connect()) {
            // a job c5 claimed whose acknowledgement never reached Redis; written in one MULTI as the
            // claim script does, or the reconcile chore may count the job between the two writes
            redis.clients.jedis.Transaction claim = jedis.multi();
            claim.lpush(QueueKeys.processing("c5"), held);
            claim.hincrBy(QueueKeys.INFLIGHT, "t1", 1);
            claim.exec();
        }
        consumer.stop();
        try (Jedis jedis = redis.get().connect()) {
            // returned by the reaper, which cannot tell this from a crash: the attempt is counted
            assertThat(jedis.lrange("{enhancement_queue}:t1", 0, -1)).singleElement()
                    .satisfies(j -> assertThat(JobCodec.read(j).jobId()).isEqualTo("unsettled"));
            assertThat(jedis.llen(QueueKeys.processing("c5"))).isZero();
            assertThat(jedis.sismember(QueueKeys.WORKERS, "c5")).isFalse();
            assertThat(jedis.hgetAll(QueueKeys.INFLIGHT)).isEmpty();
        }
    }

    @Test
    void aJobWhoseSettlingFailsIsSettledWhenRedisAnswersAgain() throws Exception {
        try (UnreachablePool flaky = new UnreachablePool(redis.get().host(), redis.get().port(), redis.get().database());
             LogCapture logs = LogCapture.attach()) {
            QueueConsumer consumer = consumer(flaky.client, "c6", (job, lease) -> {
                flaky.unreachable.set(true); // Redis goes away between the work and its acknowledgement
                return JobOutcome.done("posted");
            }, Duration.seconds(5), new QueueSettings());
            enqueue("t1", 1);
            consumer.start();
            try {
                await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> !logs.linesContaining("event=job_settle_failed").isEmpty());
                assertThat(finished).isEmpty();
                flaky.unreachable.set(false);
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> finished.size() == 1);
                await().atMost(java.time.Duration.ofSeconds(5)).until(() -> consumer.activeTasks() == 0);
            } finally {
                consumer.stop();
            }
        }
        assertThat(finished).singleElement().asString().endsWith("Done[label=posted]");
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen(QueueKeys.processing("c6"))).isZero();
            assertThat(jedis.llen("{enhancement_queue}:t1")).isZero();
            assertThat(jedis.hgetAll(QueueKeys.INFLIGHT)).isEmpty();
        }
    }

    /**
     * The real client on the real Redis, refusing to connect while {@code unreachable} is set, as
     * when Redis is down for a moment. (Exhausting a pool instead raced with the loops and chores,
     * which give connections back and take them again.)
     */
    private static final class UnreachablePool implements AutoCloseable {
        final AtomicBoolean unreachable = new AtomicBoolean();
        final UnifiedJedis client;

        UnreachablePool(String host, int port, int database) {
            PooledConnectionProvider connections = new PooledConnectionProvider(new HostAndPort(host, port),
                    DefaultJedisClientConfig.builder().database(database).build()) {
                @Override
                public Connection getConnection() {
                    refuseWhileUnreachable();
                    return super.getConnection();
                }

                @Override
                public Connection getConnection(CommandArguments args) {
                    refuseWhileUnreachable();
                    return super.getConnection(args);
                }
            };
            client = RedisClient.builder().connectionProvider(connections).build();
        }

        private void refuseWhileUnreachable() {
            if (unreachable.get()) {
                throw new JedisConnectionException("Redis unreachable (test)");
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void theHeartbeatGoesOnWhileEveryChoreIsStuckOnRedis() throws Exception {
        ConnectionPoolConfig one = new ConnectionPoolConfig();
        one.setMaxTotal(1);
        one.setMaxWait(java.time.Duration.ofSeconds(60));
        QueueSettings s = new QueueSettings();
        s.setHeartbeatInterval(Duration.milliseconds(50));
        try (RedisClient choresPool = RedisClient.builder().fromURI(redis.get().url()).poolConfig(one).build()) {
            Connection taken = choresPool.getPool().getResource(); // the chores' only connection: each chore waits for it
            QueueConsumer consumer = consumer(pool, choresPool, "c7", (job, lease) -> JobOutcome.done("posted"),
                    Duration.seconds(5), s);
            consumer.start();
            try {
                // both chore threads are blocked on Redis, as with a pool exhausted for its whole max wait
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> choresPool.getPool().getNumWaiters() == 2);
                try (Jedis jedis = redis.get().connect()) {
                    jedis.del(QueueKeys.heartbeat("c7"));
                }
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                    try (Jedis jedis = redis.get().connect()) {
                        return jedis.exists(QueueKeys.heartbeat("c7"));
                    }
                });
            } finally {
                taken.close();
                consumer.stop();
            }
        }
    }
}
