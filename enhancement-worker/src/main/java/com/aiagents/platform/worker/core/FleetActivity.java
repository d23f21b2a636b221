package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.WebhookArrivals;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.db.FleetActivityDao;
import com.aiagents.platform.worker.queue.DeadLetters;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the operator console's fleet page shows of a page of tenants, in one call: the queue's state
 * and the webhooks accepted from Redis (one pipelined round trip for all of them), the notes posted
 * and the votes from PostgreSQL (one transaction for all of them).
 */
public final class FleetActivity {
    static final Duration WINDOW = Duration.ofHours(24);

    private final TenantDatabase database;
    private final FleetActivityDao dao;
    private final UnifiedJedis redis;
    private final Clock clock;

    public FleetActivity(TenantDatabase database, FleetActivityDao dao, UnifiedJedis redis, Clock clock) {
        this.database = database;
        this.dao = dao;
        this.redis = redis;
        this.clock = clock;
    }

    /** One tenant's queue in Redis. */
    public record QueueCounts(
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("queued") long queued,
            @JsonProperty("deferred") long deferred,
            @JsonProperty("in_flight") long inFlight,
            @JsonProperty("dead_letters") long deadLetters) {
    }

    /** One tenant's row of the fleet page. */
    public record TenantActivity(
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("notes_posted_24h") long notesPosted24h,
            @JsonProperty("webhooks_accepted_24h") long webhooksAccepted24h,
            @JsonProperty("queue_depth") long queueDepth,
            @JsonProperty("deferred") long deferred,
            @JsonProperty("in_flight") long inFlight,
            @JsonProperty("dead_letters") long deadLetters,
            @JsonProperty("helpful") long helpful,
            @JsonProperty("not_helpful") long notHelpful) {
    }

    public List<TenantActivity> activity(List<TenantId> tenants) {
        Instant now = clock.instant();
        List<String> ids = tenants.stream().map(TenantId::value).toList();
        RedisCounts fromRedis = read(ids, WebhookArrivals.acceptedKeysUntil(now));
        Map<TenantId, FleetActivityDao.Counts> fromDb = dao.counts(database, tenants, now.minus(WINDOW));
        List<TenantActivity> rows = new ArrayList<>(tenants.size());
        for (int i = 0; i < tenants.size(); i++) {
            QueueCounts queue = fromRedis.queues().get(i);
            FleetActivityDao.Counts db = fromDb.get(tenants.get(i));
            rows.add(new TenantActivity(ids.get(i), db.notesPosted(), fromRedis.accepted().get(i), queue.queued(),
                    queue.deferred(), queue.inFlight(), queue.deadLetters(), db.helpful(), db.notHelpful()));
        }
        return rows;
    }

    /** The queue's state of each tenant named, in the order given. */
    public List<QueueCounts> queues(List<String> tenants) {
        return read(tenants, List.of()).queues();
    }

    private record RedisCounts(List<QueueCounts> queues, List<Long> accepted) {
    }

    /**
     * One pipeline: each tenant's list and deferred lane, the in-flight counts, the dead list (read
     * whole: it is an operator's to-do list, short in normal operation) and the hourly hashes of
     * accepted webhooks. Every key carries the queue's hash tag: one node serves it on a cluster too.
     */
    private RedisCounts read(List<String> tenants, List<String> acceptedHours) {
        if (tenants.isEmpty()) {
            return new RedisCounts(List.of(), List.of());
        }
        String[] fields = tenants.toArray(String[]::new);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            List<Response<Long>> queued = new ArrayList<>();
            List<Response<Long>> deferred = new ArrayList<>();
            for (String tenant : tenants) {
                queued.add(pipeline.llen(QueueKeys.tenant(tenant)));
                deferred.add(pipeline.llen(QueueKeys.deferred(tenant)));
            }
            Response<List<String>> inFlight = pipeline.hmget(QueueKeys.INFLIGHT, fields);
            Response<List<String>> dead = pipeline.lrange(QueueNames.DEAD, 0, -1);
            List<Response<List<String>>> hours = new ArrayList<>();
            for (String hour : acceptedHours) {
                hours.add(pipeline.hmget(hour, fields));
            }
            pipeline.sync();

            Map<String, Long> deadByTenant = DeadLetters.countByTenant(dead.get());
            List<QueueCounts> queues = new ArrayList<>(tenants.size());
            List<Long> accepted = new ArrayList<>(tenants.size());
            for (int i = 0; i < tenants.size(); i++) {
                String tenant = tenants.get(i);
                queues.add(new QueueCounts(tenant, queued.get(i).get(), deferred.get(i).get(),
                        number(inFlight.get().get(i)), deadByTenant.getOrDefault(tenant, 0L)));
                long sum = 0;
                for (Response<List<String>> hour : hours) {
                    sum += number(hour.get().get(i));
                }
                accepted.add(sum);
            }
            return new RedisCounts(queues, accepted);
        }
    }

    private static long number(String value) {
        return value == null ? 0 : Math.max(0, Long.parseLong(value));
    }
}
