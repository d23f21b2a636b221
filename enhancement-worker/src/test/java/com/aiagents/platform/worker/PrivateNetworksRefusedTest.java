package com.aiagents.platform.worker;

import static com.aiagents.platform.worker.support.WorkerEnvironment.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker as in production (sdp.allowPrivateNetworks false, SDP_ALLOW_PRIVATE_NETWORKS unset)
 * with a tenant whose SDP is the simulator at http://127.0.0.1 (saved while the registry allowed
 * it, as an old row or a rebinding name would be): the worker's SDP client refuses to connect,
 * the job is dead-lettered at once as sdp_address_refused, and the simulator is never called.
 */
class PrivateNetworksRefusedTest {
    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("sdp.allowPrivateNetworks", "false"));

    @Test
    void aLoopbackSdpIsNeverCalledAndTheJobIsDeadLetteredWithoutRetries() {
        Tenant t = env.createTenant("loopback-sdp", null);
        String id = t.sdp().createRequest(NewSdpRequest.of("Printer offline", "Since Monday", "user@example.com")).id();
        long callsBefore = apiCalls("loopback-sdp");
        EnhancementJob job = WorkerEnvironment.job(t.id(), id);

        env.enqueue(List.of(job));

        await().atMost(Duration.ofSeconds(60)).until(() -> env.workerHttp().get("/v1/queue/dead", OPERATOR).json()
                .get("jobs").findValuesAsText("job_id").contains(job.jobId()));
        JsonNode dead = env.workerHttp().get("/v1/queue/dead", OPERATOR).element("jobs", "job_id", job.jobId());
        assertThat(dead.get("dead_reason").asText()).isEqualTo("sdp_address_refused");
        assertThat(dead.get("attempt").asInt()).as("not retried").isZero();
        assertThat(apiCalls("loopback-sdp")).as("the worker never reached the SDP").isEqualTo(callsBefore);
        assertThat(t.sdp().listNotes(id)).isEmpty();
    }

    private static long apiCalls(String instance) {
        return env.simulator().instance(instance).at("/stats/api_calls").asLong();
    }
}
