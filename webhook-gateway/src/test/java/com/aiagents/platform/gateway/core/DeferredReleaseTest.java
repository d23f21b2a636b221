package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gateway.core.AdmissionStore.PendingJob;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeferredReleaseTest extends EmptyRedisTest {
    private final ObjectMapper mapper = JsonMapper.create();
    private final AdmissionStore store = new AdmissionStore(pool, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10));
    private final TenantId acme = TenantId.of("acme");
    private final TenantId globex = TenantId.of("globex");

    /** Sends {@code count} distinct tickets for the tenant at the given rate; returns their job ids in order. */
    private List<String> deliver(TenantId tenant, int rate, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            String jobId = tenant.value() + "-job-" + i;
            EnhancementJob job = new EnhancementJob(jobId, tenant.value(), "TKT-" + i, EnhancementJob.REQUEST_CREATED,
                    "ek-" + i, Instant.parse("2026-03-01T12:00:00Z"), 0, null);
            store.admit(tenant, rate, jobId, new PendingJob(QueueNames.INGRESS, "body-" + i, job));
            return jobId;
        }).toList();
    }

    /** As if the rate window had passed since the direct admissions. */
    private void windowPasses(TenantId... tenants) {
        for (TenantId tenant : tenants) {
            pool.del(AdmissionStore.rateKey(tenant));
        }
    }

    private List<String> ingressJobIdsOldestFirst() throws Exception {
        List<String> jobs = pool.lrange(QueueNames.INGRESS, 0, -1);
        java.util.Collections.reverse(jobs);
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        for (String job : jobs) {
            ids.add(mapper.readValue(job, EnhancementJob.class).jobId());
        }
        return ids;
    }

    @Test
    void releasesEachTenantsRateOldestFirstAndNoMoreUntilTheWindowPasses() throws Exception {
        List<String> acmeJobs = deliver(acme, 2, 6);
        List<String> globexJobs = deliver(globex, 1, 2);
        windowPasses(acme, globex);
        DeferredRelease release = new DeferredRelease(pool, Duration.ofMinutes(1), Duration.ofMillis(1), 100);

        DeferredRelease.Step first = release.releaseDue();

        assertThat(first.released()).isEqualTo(3);
        assertThat(first.deferred()).isEqualTo(Map.of("acme", 2L, "globex", 0L));
        assertThat(ingressJobIdsOldestFirst()).as("queued directly, then released").containsExactlyInAnyOrder(
                acmeJobs.get(0), acmeJobs.get(1), globexJobs.get(0), acmeJobs.get(2), acmeJobs.get(3), globexJobs.get(1));
        assertThat(ingressJobIdsOldestFirst().indexOf(acmeJobs.get(2)))
                .isLessThan(ingressJobIdsOldestFirst().indexOf(acmeJobs.get(3)));
        assertThat(pool.hkeys(DeferredRelease.TENANTS)).as("an emptied lane leaves the set").containsExactly("acme");
        assertThat(pool.zcard(AdmissionStore.rateKey(acme))).as("released jobs spend the rate").isEqualTo(2);
        pool.del(DeferredRelease.LOCK);
        assertThat(release.releaseDue().released()).as("the rate log is full until the window passes").isZero();

        windowPasses(acme);
        pool.del(DeferredRelease.LOCK);
        assertThat(release.releaseDue()).isEqualTo(new DeferredRelease.Step(2, Map.of("acme", 0L)));
        assertThat(release.releaseDue()).isEqualTo(new DeferredRelease.Step(0, Map.of()));
    }

    @Test
    void aReleasedJobCarriesItsReleaseTimeAndADirectlyQueuedOneDoesNot() throws Exception {
        deliver(acme, 1, 2);
        windowPasses(acme);
        Instant releasedAt = Instant.parse("2026-03-01T12:20:00.123456Z");
        DeferredRelease release = new DeferredRelease(pool, Duration.ofMinutes(1), Duration.ofMillis(1), 100,
                java.time.Clock.fixed(releasedAt, java.time.ZoneOffset.UTC));

        assertThat(release.releaseDue().released()).isEqualTo(1);

        List<String> raw = pool.lrange(QueueNames.INGRESS, 0, -1);
        EnhancementJob released = mapper.readValue(raw.get(0), EnhancementJob.class);
        EnhancementJob direct = mapper.readValue(raw.get(1), EnhancementJob.class);
        assertThat(released.jobId()).isEqualTo("acme-job-1");
        assertThat(released.releasedAt()).isEqualTo(releasedAt);
        assertThat(released.queuedSince()).as("the latency objective counts from the release").isEqualTo(releasedAt);
        assertThat(released.receivedAt()).as("the rest of the job is untouched")
                .isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(released.eventKey()).isEqualTo("ek-1");
        assertThat(direct.releasedAt()).isNull();
        assertThat(direct.queuedSince()).isEqualTo(direct.receivedAt());
    }

    @Test
    void oneReplicaReleasesPerIntervalAndEveryReplicaSeesTheDepths() {
        deliver(acme, 1, 4);
        windowPasses(acme);
        DeferredRelease replicaA = new DeferredRelease(pool, Duration.ofMinutes(1), Duration.ofMinutes(1), 100);
        DeferredRelease replicaB = new DeferredRelease(pool, Duration.ofMinutes(1), Duration.ofMinutes(1), 100);

        assertThat(replicaA.releaseDue()).isEqualTo(new DeferredRelease.Step(1, Map.of("acme", 2L)));
        windowPasses(acme);
        assertThat(replicaB.releaseDue()).isEqualTo(new DeferredRelease.Step(0, Map.of("acme", 2L)));
    }

    @Test
    void aStepReleasesAtMostItsBatchRoundRobinAcrossTenants() {
        deliver(acme, 10, 20);
        deliver(globex, 10, 20);
        windowPasses(acme, globex);
        DeferredRelease release = new DeferredRelease(pool, Duration.ofMinutes(1), Duration.ofMillis(1), 4);

        DeferredRelease.Step step = release.releaseDue();

        assertThat(step.released()).isEqualTo(4);
        assertThat(step.deferred()).isEqualTo(Map.of("acme", 8L, "globex", 8L));
    }
}
