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

    /**
     * Both workers run from the start, so no JVM start lies between the pause and the other
     * worker's claim (heartbeat TTL 3 s, then one 6 s GET): the lease only has to outlast that, and
     * the call timeout, with room for a busy machine.
     */
    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(false, Map.of(
            "postingLease", "25 seconds", "sdp.callTimeout", "10 seconds", "sdp.readTimeout", "8 seconds"));

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
        // every SDP call takes 6 s (under the 8 s read timeout): the POST is in flight long enough to
        // pause its sender inside it even when this test's polling lags on a loaded machine (with 4 s,
        // at load 29, the POST once finished before the pause)
        env.simulator().setLatency("paused", 6000);
        Map<String, Process> workers = Map.of("a", startWorker("a"), "b", startWorker("b"));
        await().atMost(Duration.ofSeconds(90)).until(() -> log("a").contains("event=worker_started")
                && log("b").contains("event=worker_started"));
        long callsBefore = apiCalls();
        env.enqueue(List.of(WorkerEnvironment.job(t.id(), ticket)));

        // the first worker (whichever claimed the job) has sent its GET and then its POST to SDP,
        // which holds the POST for 6 s
        String[] names = new String[2];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (String name : workers.keySet()) {
                if (log(name).contains("event=note_post_started")) {
                    names[0] = name;
                    names[1] = name.equals("a") ? "b" : "a";
                }
            }
            return names[0] != null && apiCalls() >= callsBefore + 2;
        });
        String firstName = names[0];
        String secondName = names[1];
        Process first = workers.get(firstName);
        Process second = workers.get(secondName);
        signal(first, "STOP");

        // the second worker reaps the first, waits out its posting lease, finds its note and records it
        await().atMost(Duration.ofSeconds(120)).until(() -> env.historyStatuses(t.id(), ticket).contains("posted"));
        assertThat(log(secondName)).contains("event=dead_workers_reaped", "event=posting_lease_held_by_earlier_claim",
                "event=posting_recovered");
        assertThat(first.isAlive()).as("still paused").isTrue();

        signal(first, "CONT");
        // resumed: its POST's answer (or its call timeout) arrives, and it cannot record anything
        await().atMost(Duration.ofSeconds(60)).until(() -> log(firstName).contains("event=posting_fenced")
                || log(firstName).contains("event=job_attempt_failed"));
        assertThat(log(firstName)).doesNotContain("event=note_posted");

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
