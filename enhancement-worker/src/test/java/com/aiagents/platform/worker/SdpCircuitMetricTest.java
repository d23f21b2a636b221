package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * sdp_circuit_open{tenant_id} on the worker's /metrics, driven by real jobs against the SDP
 * simulator: one tenant's SDP goes down and comes back while another's stays up.
 */
class SdpCircuitMetricTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * An open breaker lets probe calls through only after this. Longer than worker-test.yml's 1 s so
     * that no retry of the failing jobs gets to probe: a single failed probe would leave the breaker
     * half-open (it judges after three), which the gauge shows as 0.
     */
    private static final Duration OPEN_FOR = Duration.ofSeconds(5);

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("sdp.circuitOpenFor", OPEN_FOR.toSeconds() + " seconds"));
    static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.attach();
    }

    @AfterAll
    static void releaseLogs() {
        logs.close();
    }

    @Test
    void theGaugeIsOneForTheTenantWhoseSdpIsDownOnlyAndZeroAgainAfterRecovery() {
        Tenant up = env.createTenant("circuit-up", null);
        Tenant down = env.createTenant("circuit-down", null);
        String upTicket = ticket(up);
        env.enqueue(List.of(WorkerEnvironment.job(up.id(), upTicket)));
        await().atMost(WAIT).until(() -> env.historyStatuses(up.id(), upTicket).contains("posted"));
        List<String> downTickets = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            downTickets.add(ticket(down));
        }

        // Each job's three attempts fail on their first SDP call: enough for the breaker's ten-call minimum.
        env.simulator().faults("circuit-down", "{\"down\":true}");
        List<EnhancementJob> failing = downTickets.subList(0, 5).stream()
                .map(id -> WorkerEnvironment.job(down.id(), id)).toList();
        env.enqueue(failing);
        await().atMost(WAIT).until(() -> deadJobs().containsAll(failing.stream().map(EnhancementJob::jobId).toList()));
        String whileDown = metrics();
        assertThat(whileDown).contains("sdp_circuit_open{tenant_id=\"circuit-down\",} 1.0\n")
                .contains("sdp_circuit_open{tenant_id=\"circuit-up\",} 0.0\n");
        assertThat(env.workerAdminHttp().get("/healthcheck", null).status())
                .as("one tenant's SDP does not make the worker unhealthy").isEqualTo(200);

        env.simulator().faults("circuit-down", "{\"down\":false}");
        String recovered1 = downTickets.get(5);
        String recovered2 = downTickets.get(6);
        List<EnhancementJob> recovery = List.of(WorkerEnvironment.job(down.id(), recovered1),
                WorkerEnvironment.job(down.id(), recovered2));
        env.enqueue(recovery);
        // Until the breaker's open period ends these fail fast and end as dead letters; the operator
        // re-queues them (the runbook's step) until the breaker lets its probe calls through.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> dead = deadJobs();
            recovery.stream().map(EnhancementJob::jobId).filter(dead::contains).forEach(SdpCircuitMetricTest::requeue);
            return env.historyStatuses(down.id(), recovered1).contains("posted")
                    && env.historyStatuses(down.id(), recovered2).contains("posted");
        });

        // Four successful calls after the probe: past the three half-open calls, so the breaker is closed.
        assertThat(logs.linesContaining("sdp_circuit_transition tenant_id=circuit-down"))
                .anySatisfy(l -> assertThat(l).contains("HALF_OPEN to CLOSED"));
        assertThat(metrics()).contains("sdp_circuit_open{tenant_id=\"circuit-down\",} 0.0\n")
                .contains("sdp_circuit_open{tenant_id=\"circuit-up\",} 0.0\n");
    }

    private static String ticket(Tenant tenant) {
        return tenant.sdp().createRequest(NewSdpRequest.of("Printer offline", "Floor 3 printer", "user@example.com")).id();
    }

    private static List<String> deadJobs() {
        return env.workerHttp().get("/v1/queue/dead?limit=500", WorkerEnvironment.OPERATOR).json().get("jobs")
                .findValuesAsText("job_id");
    }

    private static void requeue(String jobId) {
        assertThat(env.workerHttp().post("/v1/queue/dead/" + jobId + "/requeue", WorkerEnvironment.OPERATOR, null).status())
                .isEqualTo(200);
    }

    private static String metrics() {
        return env.workerAdminHttp().get("/metrics", null).body();
    }
}
