package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerProcess;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A worker PROCESS killed with SIGKILL in the middle of 1,000 jobs, then a new one started: every
 * job ends posted exactly once (notes counted per ticket in the simulator), none is lost.
 */
class WorkerCrashTest {
    @RegisterExtension
    // The jobs the killed worker was posting wait out its claims' posting lease before they are
    // recovered (it might only be paused mid-POST): a short lease keeps the test short.
    static WorkerEnvironment env = new WorkerEnvironment(false, Map.of("queue.maxInFlightPerTenant", "8",
            "postingLease", "20 seconds"));

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigkillMidwayLosesNothingAndPostsEveryJobExactlyOnce() throws Exception {
        Tenant t = env.createTenant("crash", null);
        List<String> tickets = env.simulator().seed("crash", 1000, 3);
        List<EnhancementJob> jobs = tickets.stream().map(id -> WorkerEnvironment.job(t.id(), id)).toList();
        env.enqueue(jobs);

        Process first = startWorker("first");
        // generous: a loaded CI machine starts a JVM and posts notes slowly; the kill only has to land mid-run
        await().atMost(Duration.ofSeconds(150)).until(() -> env.simulator().noteCount("crash") >= 150);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, jobs left in its processing list
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int notesAtKill = env.simulator().noteCount("crash");
        assertThat(notesAtKill).isLessThan(1000);
        try (Jedis jedis = env.redis()) {
            // killed in the middle of jobs: it still holds some, and nobody has returned them yet
            List<String> dead = List.copyOf(jedis.smembers(QueueKeys.WORKERS));
            assertThat(dead).hasSize(1);
            assertThat(jedis.llen(QueueKeys.processing(dead.get(0)))).as("jobs the killed worker held").isPositive();
        }

        Process second = startWorker("second");
        await().atMost(Duration.ofSeconds(180)).until(() -> posted(t.id()) == 1000);
        second.destroy(); // SIGTERM: graceful stop
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(env.simulator().noteCount("crash")).isEqualTo(1000);
        for (String ticket : tickets) {
            assertThat(t.sdp().listNotes(ticket)).as("notes on ticket %s", ticket).hasSize(1);
        }
        try (Jedis jedis = env.redis()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).isZero();
            assertThat(jedis.llen(QueueNames.DEAD)).isZero();
            assertThat(jedis.llen(QueueNames.tenantQueue(t.id()))).isZero();
            assertThat(jedis.zcard(QueueKeys.DELAYED)).isZero();
            assertThat(jedis.smembers(QueueKeys.WORKERS)).isEmpty();
            assertThat(jedis.hgetAll(QueueKeys.INFLIGHT)).isEmpty();
        }
    }

    private static long posted(TenantId tenant) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT count(*) FROM enhancement_history WHERE status = 'posted'").mapTo(Long.class).one());
    }

    private Process startWorker(String name) throws IOException {
        Process process = WorkerProcess.start(env.settings(), Path.of("target", "crash-test"), name);
        children.add(process);
        return process;
    }
}
