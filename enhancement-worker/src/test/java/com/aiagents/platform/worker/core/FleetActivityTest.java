package com.aiagents.platform.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.WebhookArrivals;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.testing.TestRedisExtension;
import com.aiagents.platform.worker.core.FleetActivity.QueueCounts;
import com.aiagents.platform.worker.core.FleetActivity.TenantActivity;
import com.aiagents.platform.worker.db.FleetActivityDao;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The fleet activity of a page of tenants, read as the worker's own database role under RLS and
 * from a real Redis: every count of each tenant is its own, and a tenant that has nothing reads as
 * zeros. The last test seeds 1,000 tenants and prints how long pages of 200 take (no assertion on
 * the time: the machine is shared).
 */
class FleetActivityTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();
    @RegisterExtension
    static final TestRedisExtension REDIS = new TestRedisExtension();

    private static final Instant NOW = Instant.parse("2026-12-06T01:30:00Z");
    private static final TenantId ACME = TenantId.of("acme-corp");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final TenantId EMPTY = TenantId.of("nothing-yet");

    private TenantDatabase database;
    private UnifiedJedis redis;
    private FleetActivity fleet;

    @BeforeEach
    void setUp() {
        REDIS.get().flush();
        redis = RedisClient.create(REDIS.get().url());
        database = new TenantDatabase(Jdbi.create(DB.get().jdbcUrl(), DB.get().roleFor(ServiceRole.ENHANCEMENT_WORKER),
                DB.get().password()));
        fleet = new FleetActivity(database, new FleetActivityDao(), redis, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void eachTenantsCountsAreItsOwnAndAnUnknownTenantReadsAsZeros() {
        // acme: 3 posted in the window (one received two hours before it began but posted inside it),
        // one posted before the window, one still posting, one failed; votes on two of them
        List<Long> acmeIds = new ArrayList<>();
        acmeIds.add(enhancement(ACME, "posted", NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(59))));
        acmeIds.add(enhancement(ACME, "posted", NOW.minus(Duration.ofHours(23)), NOW.minus(Duration.ofHours(23))));
        acmeIds.add(enhancement(ACME, "posted", NOW.minus(Duration.ofHours(26)), NOW.minus(Duration.ofHours(23))));
        enhancement(ACME, "posted", NOW.minus(Duration.ofHours(30)), NOW.minus(Duration.ofHours(25)));
        enhancement(ACME, "posting", NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(5)));
        enhancement(ACME, "failed", NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(5)));
        vote(ACME, acmeIds.get(0), "helpful");
        vote(ACME, acmeIds.get(1), "not_helpful");
        vote(ACME, acmeIds.get(2), "helpful");
        // globex: one posted note, one vote
        long globexNote = enhancement(GLOBEX, "posted", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(2)));
        vote(GLOBEX, globexNote, "not_helpful");

        // Redis: acme has 2 queued, 1 deferred, 3 in flight, 2 dead; globex 1 dead; an unreadable dead entry
        redis.lpush(QueueKeys.tenant(ACME.value()), "job-a", "job-b");
        redis.lpush(QueueKeys.deferred(ACME.value()), "job-c");
        redis.hset(QueueKeys.INFLIGHT, ACME.value(), "3");
        redis.hset(QueueKeys.INFLIGHT, GLOBEX.value(), "0");
        redis.lpush(QueueNames.DEAD, dead(ACME), dead(ACME), dead(GLOBEX), "not a job {");
        // accepted webhooks: this hour, 23 hours ago (both in), 24 hours ago (out)
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        redis.hset(WebhookArrivals.acceptedKey(hour), ACME.value(), "5");
        redis.hset(WebhookArrivals.acceptedKey(hour), GLOBEX.value(), "1");
        redis.hset(WebhookArrivals.acceptedKey(hour.minus(23, ChronoUnit.HOURS)), ACME.value(), "2");
        redis.hset(WebhookArrivals.acceptedKey(hour.minus(24, ChronoUnit.HOURS)), ACME.value(), "100");

        List<TenantActivity> rows = fleet.activity(List.of(GLOBEX, EMPTY, ACME));

        assertThat(rows).containsExactly(
                new TenantActivity("globex", 1, 1, 0, 0, 0, 1, 0, 1),
                new TenantActivity("nothing-yet", 0, 0, 0, 0, 0, 0, 0, 0),
                new TenantActivity("acme-corp", 3, 7, 2, 1, 3, 2, 2, 1));
        assertThat(fleet.queues(List.of("acme-corp", "globex"))).containsExactly(
                new QueueCounts("acme-corp", 2, 1, 3, 2), new QueueCounts("globex", 0, 0, 0, 1));
    }

    @Test
    void aThousandTenantsInPagesOfTwoHundred() {
        List<TenantId> tenants = IntStream.range(0, 1000).mapToObj(i -> TenantId.of(String.format("fleet-%04d", i))).toList();
        // 30 notes per tenant over two days (about 15 posted in the window) and 10 votes, 30,000 rows in all
        database.inEachTenant(tenants, (tenant, h) -> {
            h.createUpdate("INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status, "
                            + "created_at, updated_at) SELECT :t, 'T-' || n, 'ek-' || n, 'job-' || n, 'posted', "
                            + "CAST(:now AS timestamptz) - n * interval '95 minutes', CAST(:now AS timestamptz) - n * interval '95 minutes' "
                            + "FROM generate_series(1, 30) n")
                    .bind("t", tenant.value()).bind("now", java.sql.Timestamp.from(NOW)).execute();
            h.createUpdate("INSERT INTO enhancement_feedback (tenant_id, enhancement_id, vote, vote_id, voted_at) "
                            + "SELECT tenant_id, id, CASE WHEN id % 3 = 0 THEN 'not_helpful' ELSE 'helpful' END, "
                            + "'v-' || id, now() FROM enhancement_history WHERE tenant_id = :t ORDER BY id LIMIT 10")
                    .bind("t", tenant.value()).execute();
            return null;
        });
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (TenantId tenant : tenants) {
                pipeline.lpush(QueueKeys.tenant(tenant.value()), "a", "b", "c");
                for (int h = 0; h < 24; h++) {
                    pipeline.hset(WebhookArrivals.acceptedKey(hour.minus(h, ChronoUnit.HOURS)), tenant.value(), "2");
                }
            }
            for (int i = 0; i < 2000; i++) {
                pipeline.lpush(QueueNames.DEAD, dead(tenants.get(i % tenants.size())));
            }
            pipeline.sync();
        }

        fleet.activity(tenants.subList(0, 200)); // warm up the pool and the plans
        List<Long> millis = new ArrayList<>();
        List<TenantActivity> all = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            long start = System.nanoTime();
            all.addAll(fleet.activity(tenants.subList(page * 200, page * 200 + 200)));
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        // the two halves apart: the database's (one transaction) and Redis's (one pipeline, dead list parsed)
        List<Long> dbMillis = new ArrayList<>();
        List<Long> redisMillis = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            List<TenantId> ids = tenants.subList(page * 200, page * 200 + 200);
            long start = System.nanoTime();
            new FleetActivityDao().counts(database, ids, NOW.minus(FleetActivity.WINDOW));
            dbMillis.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            fleet.queues(ids.stream().map(TenantId::value).toList());
            redisMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("fleet_activity_bench tenants=1000 page=200 rows_per_tenant=30 dead_letters=2000 "
                + "page_millis=%s database_millis=%s redis_queue_millis=%s%n", millis, dbMillis, redisMillis);

        assertThat(all).hasSize(1000);
        assertThat(all).allSatisfy(row -> {
            assertThat(row.notesPosted24h()).isEqualTo(15); // n * 95 min <= 24 h: n = 1..15
            assertThat(row.webhooksAccepted24h()).isEqualTo(48);
            assertThat(row.queueDepth()).isEqualTo(3);
            assertThat(row.deadLetters()).isEqualTo(2);
            assertThat(row.helpful() + row.notHelpful()).isEqualTo(10);
        });
    }

    private long enhancement(TenantId tenant, String status, Instant created, Instant updated) {
        return database.inTenant(tenant, h -> h.createQuery("INSERT INTO enhancement_history (tenant_id, ticket_id, "
                        + "event_key, job_id, status, created_at, updated_at) VALUES (:t, :ticket, :ek, :job, :status, "
                        + ":created, :updated) RETURNING id")
                .bind("t", tenant.value()).bind("ticket", "T-" + System.nanoTime()).bind("ek", "ek-" + System.nanoTime())
                .bind("job", "job-" + System.nanoTime()).bind("status", status)
                .bind("created", java.sql.Timestamp.from(created)).bind("updated", java.sql.Timestamp.from(updated))
                .mapTo(Long.class).one());
    }

    private void vote(TenantId tenant, long enhancementId, String vote) {
        database.inTenant(tenant, h -> h.execute("INSERT INTO enhancement_feedback (tenant_id, enhancement_id, vote, "
                + "vote_id, voted_at) VALUES (?, ?, ?, ?, now())", tenant.value(), enhancementId, vote, "v-" + enhancementId));
    }

    private static String dead(TenantId tenant) {
        EnhancementJob job = new EnhancementJob(java.util.UUID.randomUUID().toString(), tenant.value(), "T-1",
                EnhancementJob.REQUEST_CREATED, "ek", NOW, 3, null);
        return JobCodec.deadEntry(JobCodec.write(job), job, "retries_exhausted:sdp_server_error", NOW);
    }
}
