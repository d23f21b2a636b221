package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** A tenant with a huge backlog does not starve another: round robin over tenants, per-tenant cap. */
class FairnessTest {
    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of(
            "queue.concurrency", "4", "queue.maxInFlightPerTenant", "2"));

    @Test
    void twentyJobsOfBFinishWhileAsBacklogOfFiveThousandIsStillOverHalfFull() {
        Tenant a = env.createTenant("fair-a", null);
        Tenant b = env.createTenant("fair-b", null);
        List<String> ticketsA = env.simulator().seed("fair-a", 50, 1);
        List<String> ticketsB = env.simulator().seed("fair-b", 20, 2);
        List<EnhancementJob> jobsA = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            jobsA.add(WorkerEnvironment.job(a.id(), ticketsA.get(i % ticketsA.size())));
        }
        env.enqueue(jobsA);
        env.enqueue(ticketsB.stream().map(t -> WorkerEnvironment.job(b.id(), t)).toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> posted(b.id()) == 20);
        long backlogA;
        try (Jedis jedis = env.redis()) {
            backlogA = jedis.llen(QueueNames.tenantQueue(a.id())) + jedis.llen(QueueNames.INGRESS);
        }
        assertThat(backlogA).isGreaterThan(2500);
        assertThat(posted(a.id())).isLessThan(2500);
        assertThat(env.workerHttp().get("/v1/queue", WorkerEnvironment.OPERATOR).json()
                .get("tenants").get("fair-a").asLong()).isGreaterThan(2000);
    }

    private static long posted(TenantId tenant) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT count(*) FROM enhancement_history WHERE status = 'posted'").mapTo(Long.class).one());
    }
}
