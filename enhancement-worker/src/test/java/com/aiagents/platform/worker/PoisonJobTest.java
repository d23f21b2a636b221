package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.aiagents.platform.worker.support.CrashingWorker;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.aiagents.platform.worker.support.WorkerProcess;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A job that makes the worker JVM exit on every attempt (the real worker as a child process,
 * halted the moment it starts on the poison ticket, as the OOM killer would): a supervisor
 * restarts dead workers, as Kubernetes does, and the job ends in the dead letters as
 * {@code worker_crashed} after {@code queue.maxReaps} reaps, instead of looping across the fleet,
 * while another tenant's jobs keep flowing and each gets exactly one note.
 */
class PoisonJobTest {
    private static final int MAX_REAPS = 3;

    /** One job per worker at a time: a crash then takes down the poison job alone, no healthy job beside it. */
    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(false, Map.of(
            "queue.maxReaps", Integer.toString(MAX_REAPS), "queue.maxAttempts", "10", "queue.concurrency", "1"));

    private final List<Process> children = new ArrayList<>();
    private int started;

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJobThatKillsEveryWorkerIsDeadLetteredAfterMaxReapsWhileOtherTenantsFlow() throws Exception {
        Tenant poisoned = env.createTenant("poisoned", null);
        Tenant healthy = env.createTenant("healthy", null);
        String poison = env.simulator().seed("poisoned", 1, 7).get(0);
        List<String> tickets = env.simulator().seed("healthy", 40, 8);
        EnhancementJob poisonJob = WorkerEnvironment.job(poisoned.id(), poison);
        env.enqueue(List.of(poisonJob));
        env.enqueue(tickets.subList(0, 20).stream().map(id -> WorkerEnvironment.job(healthy.id(), id)).toList());

        Process[] fleet = {startWorker(poison), startWorker(poison)};
        boolean[] laterJobsQueued = {false};
        // a supervisor restarts dead workers until the poison job is dead and every healthy ticket has its note
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < fleet.length; i++) {
                if (!fleet[i].isAlive()) {
                    assertThat(fleet[i].exitValue()).as("a worker exits only by the poison job's halt").isEqualTo(137);
                    fleet[i] = startWorker(poison);
                }
            }
            if (!laterJobsQueued[0] && started > 2) {
                // queued while the fleet is crashing: they flow too
                env.enqueue(tickets.subList(20, 40).stream().map(id -> WorkerEnvironment.job(healthy.id(), id)).toList());
                laterJobsQueued[0] = true;
            }
            return deadLetters().size() == 1 && posted(healthy.id()) == tickets.size();
        });

        ObjectNode dead = JobCodec.readTree(deadLetters().get(0));
        assertThat(dead.get("job_id").asText()).isEqualTo(poisonJob.jobId());
        assertThat(dead.get("dead_reason").asText()).isEqualTo("worker_crashed");
        assertThat(dead.get("reaps").asInt()).isEqualTo(MAX_REAPS);
        assertThat(dead.get("attempt").asInt()).isEqualTo(MAX_REAPS);
        assertThat(started).as("workers started: two, then one per crash").isEqualTo(2 + MAX_REAPS);
        assertThat(poisoned.sdp().listNotes(poison)).isEmpty();
        for (String ticket : tickets) {
            assertThat(healthy.sdp().listNotes(ticket)).as("notes on ticket %s", ticket).hasSize(1);
        }
        try (Jedis jedis = env.redis()) {
            assertThat(jedis.llen(QueueNames.tenantQueue(poisoned.id()))).isZero();
            assertThat(jedis.hget(QueueKeys.INFLIGHT, poisoned.id().value())).isNull();
        }
        // the surviving workers stay up: nothing else kills them
        for (Process p : fleet) {
            assertThat(p.isAlive()).isTrue();
        }
    }

    private static List<String> deadLetters() {
        try (Jedis jedis = env.redis()) {
            return jedis.lrange(QueueNames.DEAD, 0, -1);
        }
    }

    private static long posted(TenantId tenant) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT count(*) FROM enhancement_history WHERE status = 'posted'").mapTo(Long.class).one());
    }

    private Process startWorker(String poison) throws IOException {
        started++;
        Process process = WorkerProcess.startQuickly(CrashingWorker.class, env.settings(),
                Map.of(CrashingWorker.TICKET_PROPERTY, "poisoned/" + poison), Path.of("target", "poison-test"), "worker-" + started);
        children.add(process);
        return process;
    }
}
