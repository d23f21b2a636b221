package com.aiagents.platform.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.testing.TestRedis;
import com.aiagents.platform.testing.TestRedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each Lua step of the queue against a real Redis: where a job is before and after. The same steps
 * run on a Redis Cluster in {@link QueueScriptsOnClusterTest}.
 */
class QueueScriptsTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    /** What the queue uses and the test reads Redis with. */
    protected UnifiedJedis client;
    private UnifiedJedis pool;
    private ReliableQueue queue;
    private QueueMaintenance maintenance;

    /** A fresh client to an empty Redis. */
    protected UnifiedJedis emptyRedis() {
        TestRedis r = redis.get();
        r.flush();
        return RedisClient.create(r.url());
    }

    @BeforeEach
    void setUp() {
        client = emptyRedis();
        pool = client;
        queue = new ReliableQueue(pool, "w1", 2, 500, Duration.ofMinutes(5), 5);
        maintenance = new QueueMaintenance(pool, 5, 3);
        queue.join(Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    static EnhancementJob job(String tenant, String id) {
        return new EnhancementJob(id, tenant, "T-" + id, "request_created", "ek-" + id, Instant.parse("2026-01-01T00:00:00Z"), 0, null);
    }

    private void enqueue(EnhancementJob... jobs) {
        for (EnhancementJob j : jobs) {
            client.lpush(QueueNames.INGRESS, JobCodec.write(j));
        }
    }

    @Test
    void aReconciledJobIsQueuedOncePerDedupWindowOntoTheIngressList() {
        ReconciledJobs reconciled = new ReconciledJobs(client, JsonMapper.create(), Duration.ofMinutes(10));
        EnhancementJob found = job("acme", "7");
        assertThat(reconciled.enqueue(found)).isTrue();
        assertThat(reconciled.enqueue(found)).as("an overlapping pass finds the same event").isFalse();
        assertThat(client.llen(QueueNames.INGRESS)).isEqualTo(1);
        assertThat(client.pttl(ReconciledJobs.dedupKey(TenantId.of("acme"), "ek-7"))).isPositive();
        assertThat(queue.awaitAndDispatch(Duration.ofMillis(100))).isEqualTo(1);
        assertThat(JobCodec.read(client.lindex("{enhancement_queue}:acme", -1))).isEqualTo(found);
    }

    @Test
    void dispatchMovesJobsIntoTenantListsAndUnreadableOnesToDead() {
        enqueue(job("acme", "1"), job("acme", "2"), job("beta", "3"));
        client.lpush(QueueNames.INGRESS, "not json", "{\"tenant_id\":\"dead\"}");
        assertThat(queue.awaitAndDispatch(Duration.ofMillis(100))).isEqualTo(5);
        assertThat(client.llen(QueueNames.INGRESS)).isZero();
        assertThat(client.lrange("{enhancement_queue}:acme", 0, -1)).hasSize(2);
        // oldest at the right: job 1 is served first
        assertThat(JobCodec.read(client.lindex("{enhancement_queue}:acme", -1)).jobId()).isEqualTo("1");
        assertThat(client.llen("{enhancement_queue}:beta")).isEqualTo(1);
        assertThat(client.llen(QueueNames.DEAD)).isEqualTo(2);
        assertThat(client.zrange(QueueKeys.RING, 0, -1)).containsExactlyInAnyOrder("acme", "beta");
        assertThat(client.smembers(QueueKeys.KNOWN)).containsExactlyInAnyOrder("acme", "beta");
        assertThat(client.llen(QueueKeys.staging("w1"))).isZero();
    }

    @Test
    void claimsServeTenantsRoundRobinAndTheCapBindsWhileAnotherTenantWaits() {
        for (int i = 0; i < 6; i++) {
            enqueue(job("acme", "a" + i));
        }
        enqueue(job("beta", "b0"), job("beta", "b1"), job("beta", "b2"));
        queue.dispatch();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(queue.claim().orElseThrow().job().jobId());
        }
        assertThat(order).containsExactlyInAnyOrder("a0", "a1", "b0", "b1");
        assertThat(order.get(0).charAt(0)).isNotEqualTo(order.get(1).charAt(0));
        // both at their cap of 2 with work waiting: the slot goes round robin among them
        String fifth = queue.claim().orElseThrow().job().jobId();
        String sixth = queue.claim().orElseThrow().job().jobId();
        assertThat(List.of(fifth.charAt(0), sixth.charAt(0))).containsExactlyInAnyOrder('a', 'b');
        assertThat(client.hget(QueueKeys.INFLIGHT, "acme")).isEqualTo("3");
        assertThat(client.hget(QueueKeys.INFLIGHT, "beta")).isEqualTo("3");
    }

    @Test
    void aTenantAloneUsesEveryFreeSlotAndANewcomerTakesTheNextOneFirst() {
        for (int i = 0; i < 6; i++) {
            enqueue(job("acme", "a" + i));
        }
        queue.dispatch();
        List<ClaimedJob> acme = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            acme.add(queue.claim().orElseThrow());
        }
        assertThat(acme).extracting(ClaimedJob::tenantId).containsOnly("acme");

        enqueue(job("beta", "b0"));
        queue.dispatch();
        assertThat(queue.claim().orElseThrow().job().jobId()).as("under its cap, beta goes before acme's 5th")
                .isEqualTo("b0");
        assertThat(queue.claim().orElseThrow().job().jobId()).isEqualTo("a4");
    }

    @Test
    void aPremiumTenantsCapIsWeighted() {
        maintenance.replacePremiumTenants(java.util.Set.of("gold"));
        for (int i = 0; i < 6; i++) {
            enqueue(job("gold", "g" + i), job("acme", "a" + i));
        }
        enqueue(job("beta", "b0"), job("beta", "b1"), job("beta", "b2"), job("beta", "b3"),
                job("beta", "b4"), job("beta", "b5"), job("beta", "b6"), job("beta", "b7"));
        queue.dispatch();
        // Eight claims while everybody has work: basic tenants stop at 2 until every tenant is capped,
        // premium gold at 4 (weight 2).
        for (int i = 0; i < 8; i++) {
            queue.claim().orElseThrow();
        }
        assertThat(client.hget(QueueKeys.INFLIGHT, "gold")).isEqualTo("4");
        assertThat(client.hget(QueueKeys.INFLIGHT, "acme")).isEqualTo("2");
        assertThat(client.hget(QueueKeys.INFLIGHT, "beta")).isEqualTo("2");
    }

    @Test
    void theCapIsGivenBackOnAck() {
        enqueue(job("acme", "a0"), job("acme", "a1"), job("acme", "a2"), job("beta", "b0"), job("beta", "b1"),
                job("beta", "b2"));
        queue.dispatch();
        List<ClaimedJob> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(queue.claim().orElseThrow());
        }
        ClaimedJob firstAcme = held.stream().filter(c -> c.tenantId().equals("acme")).findFirst().orElseThrow();
        assertThat(queue.ack(firstAcme)).isTrue();
        assertThat(client.hget(QueueKeys.INFLIGHT, "acme")).isEqualTo("1");
        assertThat(client.llen(QueueKeys.processing("w1"))).isEqualTo(3);
        assertThat(queue.claim().orElseThrow().job().jobId()).as("acme under its cap again").isEqualTo("a2");
    }

    @Test
    void retryGoesToTheDelayedSetAndComesBackWhenDue() {
        enqueue(job("acme", "1"));
        queue.dispatch();
        ClaimedJob claimed = queue.claim().orElseThrow();
        Instant due = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(queue.retryLater(claimed, claimed.job().nextAttempt(), due)).isTrue();
        assertThat(maintenance.promoteDue(due.minusMillis(1), 10)).isZero();
        assertThat(client.zcard(QueueKeys.DELAYED)).isEqualTo(1);
        assertThat(client.llen(QueueKeys.processing("w1"))).isZero();
        assertThat(client.hget(QueueKeys.INFLIGHT, "acme")).isNull();
        assertThat(maintenance.promoteDue(due, 10)).isEqualTo(1);
        ClaimedJob again = queue.claim().orElseThrow();
        assertThat(again.job().jobId()).isEqualTo("1");
        assertThat(again.job().attempt()).isEqualTo(1);
    }

    @Test
    void deadLetteredJobsCanBeRequeuedOneOrAll() {
        enqueue(job("acme", "1"), job("acme", "2"), job("beta", "3"));
        queue.dispatch();
        for (int i = 0; i < 3; i++) {
            ClaimedJob c = queue.claim().orElseThrow();
            assertThat(queue.deadLetter(c, "sdp_unreachable", Instant.EPOCH)).isTrue();
        }
        DeadLetters dead = new DeadLetters(pool);
        assertThat(dead.size()).isEqualTo(3);
        assertThat(JobCodec.readTree(dead.list(0, 10).get(0)).get("dead_reason").asText()).isEqualTo("sdp_unreachable");
        Instant beforeRequeue = Instant.now();
        assertThat(dead.requeue("2")).isTrue();
        Instant afterRequeue = Instant.now();
        assertThat(dead.requeue("2")).isFalse();
        assertThat(dead.size()).isEqualTo(2);
        EnhancementJob requeued = queue.claim().orElseThrow().job();
        assertThat(requeued.jobId()).isEqualTo("2");
        assertThat(requeued.queuedSince()).as("its wait for a worker starts again at the re-queue")
                .isBetween(beforeRequeue, afterRequeue);
        assertThat(dead.requeueAll("beta")).isEqualTo(1);
        assertThat(dead.requeueAll(null)).isEqualTo(1);
        assertThat(dead.size()).isZero();
    }

    @Test
    void aJobKeepsItsTraceparentThroughRetryDeadLetterAndRequeue() {
        // the gateway's job_queued span: every attempt, also after an operator's re-queue, is its child
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        EnhancementJob plain = job("acme", "1");
        enqueue(new EnhancementJob(plain.jobId(), plain.tenantId(), plain.ticketId(), plain.event(), plain.eventKey(),
                plain.receivedAt(), 0, traceparent));
        queue.dispatch();
        ClaimedJob first = queue.claim().orElseThrow();
        Instant due = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(queue.retryLater(first, first.job().nextAttempt(), due)).isTrue();
        assertThat(maintenance.promoteDue(due, 10)).isEqualTo(1);
        ClaimedJob retried = queue.claim().orElseThrow();
        assertThat(retried.job().attempt()).isEqualTo(1);
        assertThat(retried.job().traceparent()).isEqualTo(traceparent);

        assertThat(queue.deadLetter(retried, "sdp_unreachable", Instant.EPOCH)).isTrue();
        DeadLetters dead = new DeadLetters(pool);
        assertThat(JobCodec.readTree(dead.list(0, 1).get(0)).get("traceparent").asText()).isEqualTo(traceparent);
        assertThat(dead.requeue("1")).isTrue();
        ClaimedJob requeued = queue.claim().orElseThrow();
        assertThat(requeued.job().attempt()).isZero();
        assertThat(requeued.job().traceparent()).isEqualTo(traceparent);
    }

    @Test
    void reaperReturnsTheJobsOfAWorkerWhoseHeartbeatExpired() {
        enqueue(job("acme", "1"), job("acme", "2"));
        client.lpush(QueueNames.INGRESS, JobCodec.write(job("beta", "3")));
        queue.dispatch();
        ClaimedJob c = queue.claim().orElseThrow();
        // a job BLMOVEd into the staging list but not dispatched when the worker died
        client.lpush(QueueKeys.staging("w1"), JobCodec.write(job("gamma", "4")));
        assertThat(maintenance.reapDeadWorkers().workers()).isZero();
        client.del(QueueKeys.heartbeat("w1"));
        QueueMaintenance.Reaped reaped = maintenance.reapDeadWorkers();
        assertThat(reaped.workers()).isEqualTo(1);
        assertThat(reaped.jobs()).isEqualTo(2);
        assertThat(client.llen(QueueKeys.processing("w1"))).isZero();
        assertThat(client.sismember(QueueKeys.WORKERS, "w1")).isFalse();
        assertThat(client.hget(QueueKeys.INFLIGHT, c.tenantId())).isNull();
        assertThat(client.lrange(QueueNames.INGRESS, 0, -1)).hasSize(1);
        // the returned job is at the front of its tenant's list; the worker that lost it may not ack it
        assertThat(queue.ack(c)).isFalse();
        ReliableQueue other = new ReliableQueue(pool, "w2", 2, 500, Duration.ofMinutes(5), 5);
        other.join(Duration.ofSeconds(30));
        List<String> claimed = new ArrayList<>();
        List<ClaimedJob> reclaimed = new ArrayList<>();
        other.claim().ifPresent(reclaimed::add);
        other.claim().ifPresent(reclaimed::add);
        reclaimed.forEach(j -> claimed.add(j.job().jobId()));
        assertThat(claimed).contains(c.job().jobId());
        ClaimedJob again = reclaimed.stream().filter(j -> j.job().jobId().equals(c.job().jobId())).findFirst().orElseThrow();
        // the reap counted, in the same step: one more attempt, one reap, and a newer claim token
        assertThat(again.job().attempt()).isEqualTo(1);
        assertThat(again.job().reaps()).isEqualTo(1);
        assertThat(again.claimToken()).isGreaterThan(c.claimToken());
    }

    @Test
    void aJobWhoseWorkersKeepDyingIsDeadLetteredAsWorkerCrashedAfterMaxReaps() {
        enqueue(job("acme", "1"));
        queue.dispatch();
        for (int reap = 1; reap <= 3; reap++) {
            queue.join(Duration.ofSeconds(30));
            ClaimedJob c = queue.claim().orElseThrow();
            assertThat(c.job().reaps()).isEqualTo(reap - 1);
            client.del(QueueKeys.heartbeat("w1"));
            QueueMaintenance.Reaped reaped = maintenance.reapDeadWorkers();
            assertThat(reaped.deadLettered()).isEqualTo(reap == 3 ? 1 : 0);
        }
        assertThat(client.llen("{enhancement_queue}:acme")).isZero();
        assertThat(client.hget(QueueKeys.INFLIGHT, "acme")).isNull();
        List<String> dead = client.lrange(QueueNames.DEAD, 0, -1);
        assertThat(dead).hasSize(1);
        var entry = JobCodec.readTree(dead.get(0));
        assertThat(entry.get("dead_reason").asText()).isEqualTo("worker_crashed");
        assertThat(entry.get("reaps").asInt()).isEqualTo(3);
        assertThat(entry.get("attempt").asInt()).isEqualTo(3);
        assertThat(entry.has("claim_token")).isFalse();
        assertThat(entry.get("dead_at").asText()).isNotBlank();
        // an operator's re-queue starts it afresh
        assertThat(new DeadLetters(pool).requeue("1")).isTrue();
        queue.join(Duration.ofSeconds(30));
        ClaimedJob requeued = queue.claim().orElseThrow();
        assertThat(requeued.job().reaps()).isZero();
        assertThat(requeued.job().attempt()).isZero();
    }

    @Test
    void aJobPastItsDeadlineStopsTheHeartbeatUntilItIsGivenBackWithItsAttemptCounted() {
        ReliableQueue hasty = new ReliableQueue(pool, "w3", 2, 500, Duration.ofMillis(1), 2);
        hasty.join(Duration.ofSeconds(30));
        enqueue(job("acme", "1"));
        hasty.dispatch();
        ClaimedJob c = hasty.claim().orElseThrow();
        client.pexpire(QueueKeys.heartbeat("w3"), 1000);
        // the 1 ms deadline must be behind us: on a fast machine the heartbeat can run in the same millisecond
        await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> true);
        ReliableQueue.Beat beat = hasty.heartbeat(Duration.ofSeconds(30));
        assertThat(beat.live()).isTrue();
        assertThat(beat.renewed()).as("the heartbeat does not renew past a job's deadline").isFalse();
        assertThat(beat.overdue()).containsExactly(c.raw());
        assertThat(client.pttl(QueueKeys.heartbeat("w3"))).isLessThanOrEqualTo(1000);
        assertThat(hasty.giveBackOverdue(c.raw(), "acme")).isEqualTo(ReliableQueue.GiveBack.REQUEUED);
        assertThat(hasty.giveBackOverdue(c.raw(), "acme")).isEqualTo(ReliableQueue.GiveBack.NOT_HELD);
        assertThat(client.hget(QueueKeys.INFLIGHT, "acme")).as("the tenant's slot is free").isNull();
        assertThat(client.llen(QueueKeys.processing("w3"))).isZero();
        assertThat(hasty.heartbeat(Duration.ofSeconds(30)).renewed()).isTrue();
        assertThat(hasty.stillHeld(c)).isFalse();
        assertThat(hasty.ack(c)).as("the stuck attempt's late ack removes nothing").isFalse();

        ClaimedJob second = hasty.claim().orElseThrow();
        assertThat(second.job().attempt()).isEqualTo(1);
        assertThat(second.job().reaps()).isZero();
        // overdue on its last attempt: dead-lettered
        await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(hasty.giveBackOverdue(second.raw(), "acme")).isEqualTo(ReliableQueue.GiveBack.DEAD_LETTERED);
        assertThat(JobCodec.readTree(client.lindex(QueueNames.DEAD, 0)).get("dead_reason").asText())
                .isEqualTo("deadline_exceeded");
    }

    @Test
    void aReapedWorkerClaimsNothingAndStaysOutUntilItRejoins() {
        enqueue(job("acme", "1"));
        queue.dispatch();
        client.del(QueueKeys.heartbeat("w1"));
        assertThat(maintenance.reapDeadWorkers().workers()).isEqualTo(1);
        assertThat(queue.claim()).isEmpty();
        assertThat(queue.heartbeat(Duration.ofSeconds(30)).live()).isFalse();
        assertThat(client.sismember(QueueKeys.WORKERS, "w1")).isFalse();
        assertThat(client.exists(QueueKeys.heartbeat("w1"))).isFalse();
        assertThat(client.llen("{enhancement_queue}:acme")).isEqualTo(1);
        queue.join(Duration.ofSeconds(30));
        assertThat(queue.heartbeat(Duration.ofSeconds(30)).renewed()).isTrue();
        assertThat(queue.claim().orElseThrow().job().jobId()).isEqualTo("1");
    }

    @Test
    void reconcileFindsListsFilledDirectlyAndRecountsInFlight() {
        client.lpush("{enhancement_queue}:premium-co", JobCodec.write(job("premium-co", "p1")));
        client.hset(QueueKeys.INFLIGHT, "ghost", "3");
        assertThat(queue.claim()).isEmpty();
        maintenance.registerTenant("premium-co");
        assertThat(maintenance.reconcile()).isEqualTo(1);
        ClaimedJob c = queue.claim().orElseThrow();
        assertThat(c.tenantId()).isEqualTo("premium-co");
        assertThat(maintenance.reconcile()).isZero();
        assertThat(client.hgetAll(QueueKeys.INFLIGHT)).containsExactly(java.util.Map.entry("premium-co", "1"));
    }

    @Test
    void releaseGivesAJobBackToTheFrontOfItsList() {
        enqueue(job("acme", "1"), job("acme", "2"));
        queue.dispatch();
        ClaimedJob c = queue.claim().orElseThrow();
        assertThat(queue.stillHeld(c)).isTrue();
        assertThat(queue.release(c)).isTrue();
        assertThat(queue.stillHeld(c)).isFalse();
        assertThat(queue.claim().orElseThrow().job().jobId()).isEqualTo(c.job().jobId());
        QueueDepths.Snapshot depths = new QueueDepths(pool).snapshot();
        assertThat(depths.perTenant()).containsEntry("acme", 1L);
        assertThat(depths.inFlight()).isEqualTo(1);
    }
}
