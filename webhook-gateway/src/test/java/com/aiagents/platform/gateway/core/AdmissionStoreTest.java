package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.WebhookArrivals;
import com.aiagents.platform.gateway.core.AdmissionStore.Admission;
import com.aiagents.platform.gateway.core.AdmissionStore.PendingJob;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdmissionStoreTest extends EmptyRedisTest {
    private final ObjectMapper mapper = JsonMapper.create();
    private final AdmissionStore store = new AdmissionStore(pool, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10));
    private final TenantId acme = TenantId.of("acme");

    private static PendingJob pending(String jobId, String bodySha) {
        return new PendingJob(QueueNames.INGRESS, bodySha, new EnhancementJob(jobId, "acme", "TKT-1",
                EnhancementJob.REQUEST_CREATED, "ek", Instant.parse("2026-03-01T12:00:00Z"), 0, null));
    }

    private Admission admit(TenantId tenant, int limit, PendingJob job) {
        return store.admit(tenant, limit, job == null ? UUID.randomUUID().toString() : job.job().jobId(), job);
    }

    private long queueLength() {
        return pool.llen(QueueNames.INGRESS);
    }

    @Test
    void anAuthenticatedDeliveryNotesTheTenantsLastWebhookForReconciliation() {
        long before = System.currentTimeMillis();
        admit(acme, 100, pending("job-1", "abc"));
        String key = WebhookArrivals.lastReceivedKey(acme);
        assertThat(Long.parseLong(pool.get(key))).isBetween(before, System.currentTimeMillis());
        assertThat(pool.pttl(key)).as("kept 30 days, not forever").isPositive()
                .isLessThanOrEqualTo(WebhookArrivals.TTL_MILLIS);
        assertThat(pool.exists(WebhookArrivals.lastReceivedKey(TenantId.of("other")))).isFalse();
    }

    @Test
    void eachNewJobQueuedOrDeferredCountsInTheHoursAcceptedWebhooksAndNothingElseDoes() {
        String hourBefore = WebhookArrivals.acceptedKey(Instant.now());
        AdmissionStore oneMinute = new AdmissionStore(pool, null, mapper, Duration.ofMinutes(1),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(1));
        assertThat(oneMinute.admit(acme, 1, "job-1", pending("job-1", "a")).jobId()).as("queued").isEqualTo("job-1");
        assertThat(oneMinute.admit(acme, 1, "job-2", pending("job-2", "b")).deferred()).as("deferred").isTrue();
        assertThat(oneMinute.admit(acme, 1, "job-3", pending("job-3", "a")).duplicate()).as("a repeat").isTrue();
        assertThat(oneMinute.admit(acme, 1, "job-4", null).jobId()).as("no job: a body that did not parse").isNull();
        assertThat(oneMinute.admit(acme, 1, "job-5", pending("job-5", "c")).limited()).as("lane full: refused").isTrue();
        oneMinute.admit(TenantId.of("other"), 1, "job-6", pending("job-6", "a"));

        // the test may straddle the turn of an hour: count both hours' hashes then
        java.util.List<String> hours = java.util.stream.Stream.of(hourBefore, WebhookArrivals.acceptedKey(Instant.now()))
                .distinct().toList();
        assertThat(hours.stream().mapToLong(h -> count(h, "acme")).sum()).isEqualTo(2);
        assertThat(hours.stream().mapToLong(h -> count(h, "other")).sum()).isEqualTo(1);
        assertThat(hours.stream().filter(pool::exists).toList()).isNotEmpty().allSatisfy(h -> assertThat(pool.ttl(h))
                .as("kept a day and an hour").isPositive().isLessThanOrEqualTo(WebhookArrivals.ACCEPTED_TTL_SECONDS));
    }

    private long count(String hour, String tenant) {
        String value = pool.hget(hour, tenant);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Test
    void enqueuesOnceAndAnswersRepeatsWithTheFirstJobId() throws Exception {
        assertThat(admit(acme, 100, pending("job-1", "abc"))).isEqualTo(new Admission(false, 0, "job-1", false, false));
        assertThat(admit(acme, 100, pending("job-2", "abc"))).isEqualTo(new Admission(false, 0, "job-1", true, false));

        assertThat(pool.llen(QueueNames.INGRESS)).isEqualTo(1);
        assertThat(mapper.readValue(pool.lindex(QueueNames.INGRESS, 0), EnhancementJob.class))
                .isEqualTo(pending("job-1", "abc").job());
        String dedupKey = AdmissionStore.dedupKey(acme, "abc");
        assertThat(pool.get(dedupKey)).isEqualTo("job-1");
        assertThat(pool.pttl(dedupKey)).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
    }

    @Test
    void differentBodiesAreDifferentJobs() {
        admit(acme, 100, pending("job-a", "body-a"));
        admit(acme, 100, pending("job-b", "body-b"));
        assertThat(queueLength()).isEqualTo(2);
    }

    /** The ceiling of a lane in jobs is ceiling x rate / window: here 2 minutes of 5 a minute = 10. */
    private final AdmissionStore smallCeiling = new AdmissionStore(pool, null, mapper, Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(2));

    private long deferredLength(TenantId tenant) {
        return pool.llen(DeferredRelease.laneKey(tenant));
    }

    @Test
    void queuesExactlyTheLimitPerWindowThenDefersUpToTheCeilingThenRefusesWritingNothing() {
        for (int i = 0; i < 5; i++) {
            Admission queued = smallCeiling.admit(acme, 5, "job-" + i, pending("job-" + i, "body-" + i));
            assertThat(queued).isEqualTo(new Admission(false, 0, "job-" + i, false, false));
        }
        for (int i = 5; i < 15; i++) {
            Admission deferred = smallCeiling.admit(acme, 5, "job-" + i, pending("job-" + i, "body-" + i));
            assertThat(deferred).isEqualTo(new Admission(false, 0, "job-" + i, false, true));
        }
        Admission over = smallCeiling.admit(acme, 5, "job-15", pending("job-15", "body-15"));

        assertThat(over.limited()).isTrue();
        // one job leaves the lane every 12 s (5 a minute)
        assertThat(over.retryAfterSeconds()).isEqualTo(12);
        assertThat(queueLength()).isEqualTo(5);
        assertThat(deferredLength(acme)).isEqualTo(10);
        assertThat(pool.exists(AdmissionStore.dedupKey(acme, "body-15"))).isFalse();
        assertThat(pool.hget(DeferredRelease.TENANTS, "acme")).isEqualTo("5");
        assertThat(pool.zcard(AdmissionStore.rateKey(acme))).as("deferred jobs spend no slot yet").isEqualTo(5);
    }

    @Test
    void aRepeatOfADeferredDeliveryAnswersItsJobIdEvenAtTheCeiling() {
        AdmissionStore oneDeferred = new AdmissionStore(pool, null, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofSeconds(60));
        assertThat(oneDeferred.admit(acme, 1, "job-1", pending("job-1", "a")).deferred()).isFalse();
        assertThat(oneDeferred.admit(acme, 1, "job-2", pending("job-2", "b")).deferred()).isTrue();

        assertThat(oneDeferred.admit(acme, 1, "job-3", pending("job-3", "b")))
                .isEqualTo(new Admission(false, 0, "job-2", true, false));
        assertThat(oneDeferred.admit(acme, 1, "job-4", pending("job-4", "c")).limited()).isTrue();
        assertThat(deferredLength(acme)).isEqualTo(1);
        // the dedup key outlives the deferred job's wait (one minute here) as well as the window
        assertThat(pool.pttl(AdmissionStore.dedupKey(acme, "b")))
                .isGreaterThan(Duration.ofMinutes(10).toMillis());
    }

    @Test
    void whileABacklogWaitsNewDeliveriesQueueBehindItEvenWithinTheRate() {
        pool.lpush(DeferredRelease.laneKey(acme), "{\"job_id\":\"earlier\"}");
        assertThat(admit(acme, 100, pending("job-1", "abc")).deferred()).isTrue();
        assertThat(queueLength()).isZero();
        assertThat(deferredLength(acme)).isEqualTo(2);
    }

    @Test
    void aZeroCeilingRefusesOverTheRateAsBeforeDeferral() {
        AdmissionStore refusing = new AdmissionStore(pool, null, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ZERO);
        assertThat(refusing.admit(acme, 1, "job-1", pending("job-1", "a")).limited()).isFalse();
        Admission over = refusing.admit(acme, 1, "job-2", pending("job-2", "b"));
        assertThat(over.limited()).isTrue();
        assertThat(over.retryAfterSeconds()).isEqualTo(60);
        assertThat(deferredLength(acme)).isZero();
    }

    @Test
    void anUnparsedBodyStillSpendsARequestButEnqueuesNothing() {
        assertThat(admit(acme, 2, null)).isEqualTo(new Admission(false, 0, null, false, false));
        assertThat(admit(acme, 2, null).limited()).isFalse();
        assertThat(admit(acme, 2, pending("job-1", "abc")).deferred()).isTrue();
        assertThat(admit(acme, 2, null)).as("over the rate, a bad body is not deferred")
                .isEqualTo(new Admission(false, 0, null, false, false));
        assertThat(queueLength()).isZero();
        assertThat(deferredLength(acme)).isEqualTo(1);
    }

    @Test
    void tenantsHaveSeparateBudgetsAndTheStateExpiresWithTheWindow() {
        TenantId first = TenantId.of("first");
        assertThat(admit(first, 1, pending("job-1", "a")).deferred()).isFalse();
        assertThat(admit(first, 1, pending("job-2", "b")).deferred()).isTrue();
        assertThat(admit(TenantId.of("second"), 1, pending("job-3", "a")).deferred()).isFalse();
        assertThat(pool.zcard(AdmissionStore.rateKey(first))).isEqualTo(1);
        assertThat(pool.pttl(AdmissionStore.rateKey(first))).isBetween(1L, 60_000L);
    }

    @Test
    void aLoweredLimitAppliesToRequestsAlreadyInTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(admit(acme, 10, null).limited()).isFalse();
        }
        assertThat(admit(acme, 2, pending("job-1", "abc")).deferred()).isTrue();
    }

    @Test
    void afterAScriptFlushTheScriptIsLoadedAgain() {
        pool.scriptFlush(QueueNames.INGRESS);
        assertThat(admit(acme, 10, pending("job-1", "abc")).jobId()).isEqualTo("job-1");
    }

    @Test
    void aRepeatedUpdateIsDedupedForTheShortUpdateWindowOnly() {
        AdmissionStore split = new AdmissionStore(pool, null, mapper, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofSeconds(30), AdmissionStore.DEFAULT_DEFERRED_CEILING);
        EnhancementJob update = new EnhancementJob("job-u1", "acme", "TKT-1", EnhancementJob.REQUEST_UPDATED, "ek",
                Instant.parse("2026-03-01T12:00:00Z"), 0, null);
        assertThat(split.admit(acme, 100, "job-u1", new PendingJob(QueueNames.INGRESS, "upd", update)))
                .isEqualTo(new Admission(false, 0, "job-u1", false, false));
        assertThat(split.admit(acme, 100, "job-c1", pending("job-c1", "cre")))
                .isEqualTo(new Admission(false, 0, "job-c1", false, false));
        assertThat(pool.pttl(AdmissionStore.dedupKey(acme, "upd"))).isBetween(1L, Duration.ofSeconds(30).toMillis());
        assertThat(pool.pttl(AdmissionStore.dedupKey(acme, "cre")))
                .isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
    }
}
