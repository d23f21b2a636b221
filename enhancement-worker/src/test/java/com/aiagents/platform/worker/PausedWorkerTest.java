package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.aiagents.platform.worker.support.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker process paused (SIGSTOP, as a long GC pause or a frozen VM) in the middle of its SDP POST,
 * past its heartbeat: a second worker reaps it and claims the job, leaves the event alone while the
 * first claim's posting lease runs, then finds the first claim's note by its marker and records it.
 * The paused worker, resumed (SIGCONT), cannot record over it. One note.
 */
class PausedWorkerTest {
    private static final Path LOGS = Path.of("target", "paused-test");

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(false, Map.of(
            // longer than the test's SDP call timeout (15 s) and than a second worker's start on a busy machine
            "postingLease", "40 seconds"));

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly(); // SIGKILL ends a stopped process too
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWorkerPausedMidPostAndResumedDoesNotProduceASecondNote() throws Exception {
        Tenant t = env.createTenant("paused", null);
        String ticket = t.sdp().createRequest(NewSdpRequest.of("Laptop will not dock", "Since the update", "u@example.com")).id();
        // every SDP call takes 4 s: the POST is in flight long enough to pause its sender inside it
        env.simulator().setLatency("paused", 4000);
        Process first = startWorker("first");
        long callsBefore = apiCalls();
        env.enqueue(List.of(WorkerEnvironment.job(t.id(), ticket)));

        // the first worker's GET and then its POST have reached SDP, which holds the POST for 4 s
        await().atMost(Duration.ofSeconds(90)).until(() -> log("first").contains("event=note_post_started")
                && apiCalls() >= callsBefore + 2);
        signal(first, "STOP");
        Process second = startWorker("second");

        // the second worker reaps the first, waits out its posting lease, finds its note and records it
        await().atMost(Duration.ofSeconds(120)).until(() -> env.historyStatuses(t.id(), ticket).contains("posted"));
        assertThat(log("second")).contains("event=dead_workers_reaped", "event=posting_lease_held_by_earlier_claim",
                "event=posting_recovered");
        assertThat(first.isAlive()).as("still paused").isTrue();

        signal(first, "CONT");
        // resumed: its POST's answer (or its call timeout) arrives, and it cannot record anything
        await().atMost(Duration.ofSeconds(60)).until(() -> log("first").contains("event=posting_fenced")
                || log("first").contains("event=job_attempt_failed"));
        assertThat(log("first")).doesNotContain("event=note_posted");

        List<SdpNote> notes = t.sdp().listNotes(ticket);
        assertThat(notes).hasSize(1);
        String recorded = env.database().inTenant(t.id(), h -> h.createQuery(
                "SELECT sdp_note_id FROM enhancement_history WHERE ticket_id = :t").bind("t", ticket).mapTo(String.class).one());
        assertThat(recorded).isEqualTo(notes.get(0).id());
        assertThat(env.historyStatuses(t.id(), ticket)).containsExactly("posted");
        assertThat(second.isAlive()).isTrue();
    }

    private static long apiCalls() {
        return env.simulator().instance("paused").path("stats").path("api_calls").asLong();
    }

    private Process startWorker(String name) throws IOException {
        Map<String, String> settings = new HashMap<>(env.settings());
        Process process = WorkerProcess.start(com.aiagents.platform.worker.EnhancementWorkerApplication.class, settings,
                Map.of(), LOGS, name);
        children.add(process);
        return process;
    }

    private static String log(String name) throws IOException {
        Path file = LOGS.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s", signal).isZero();
    }
}
