package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.WebhookArrivals;
import com.aiagents.platform.common.redis.LuaScript;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Rate limit, dedup and enqueue (or deferral) of an authenticated delivery in one atomic Lua
 * script ({@code admit.lua}), i.e. one Redis round trip per webhook.
 *
 * <p>Rate limit: a sliding-window log per tenant (a sorted set of admitted requests in the last
 * minute), exact — no 60-second window ever admits more than {@code requests_per_minute}, unlike
 * fixed windows (up to 2x at a boundary) or a token bucket (a full bucket plus its refill) — and
 * shared by every replica because it lives in Redis. Dedup: {@code {enhancement_queue}:webhook_dedup:<tenant>:<sha256
 * of body>} holds the first job id for the dedup window; a repeat is answered with it. Every key
 * the script touches carries the queue's hash tag, so on Redis Cluster they are in one slot.
 *
 * <p>Over the rate a job is not refused but deferred: it waits in the tenant's lane
 * {@code {enhancement_queue}:deferred:<tenant_id>} until {@link DeferredRelease} hands it to the
 * workers at the tenant's rate. SDP is not documented to retry a refused webhook, so a refusal
 * would lose the ticket's enhancement; only a lane holding {@code deferredCeiling} worth of the
 * tenant's rate refuses (429).
 */
public final class AdmissionStore {
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionStore.class);
    private static final LuaScript SCRIPT = LuaScript.fromResources(AdmissionStore.class, "admit.lua");
    /** The default deferral ceiling: an hour of the tenant's rate. */
    public static final Duration DEFAULT_DEFERRED_CEILING = Duration.ofMinutes(60);

    private final UnifiedJedis redis;
    private final ReplicaWait replicaWait;
    private final ObjectMapper mapper;
    private final long windowMicros;
    private final long dedupWindowMillis;
    private final long updateDedupWindowMillis;
    private final Duration rateWindow;
    private final Duration deferredCeiling;

    /** One dedup window for every event, the default deferral ceiling. */
    public AdmissionStore(UnifiedJedis redis, ObjectMapper mapper, Duration rateWindow, Duration dedupWindow) {
        this(redis, null, mapper, rateWindow, dedupWindow, dedupWindow, DEFAULT_DEFERRED_CEILING);
    }

    /**
     * @param dedupWindow       how long a repeated creation delivery is answered with the first job id
     * @param updateDedupWindow the same for updates: short, because an update webhook often carries
     *                          only the ticket id, so identical bodies may be different updates (the
     *                          worker decides what is new from the ticket's content)
     * @param deferredCeiling   how much of the tenant's rate its deferred lane may hold (zero: refuse at once)
     * @param replicaWait       null, or the replicas to wait for after the script, before answering
     */
    public AdmissionStore(UnifiedJedis redis, ReplicaWait replicaWait, ObjectMapper mapper, Duration rateWindow, Duration dedupWindow,
                          Duration updateDedupWindow, Duration deferredCeiling) {
        this.redis = redis;
        this.replicaWait = replicaWait;
        this.mapper = mapper;
        this.windowMicros = rateWindow.toNanos() / 1000;
        this.dedupWindowMillis = dedupWindow.toMillis();
        this.updateDedupWindowMillis = updateDedupWindow.toMillis();
        this.rateWindow = rateWindow;
        this.deferredCeiling = deferredCeiling;
    }

    /** A parsed delivery ready to be queued. */
    public record PendingJob(String queue, String bodySha256, EnhancementJob job) {
    }

    /**
     * What Redis decided: limited (with seconds to wait), admitted without a job, or the job id
     * answered: a repeat's first one, or this one's, queued or deferred.
     */
    public record Admission(boolean limited, long retryAfterSeconds, String jobId, boolean duplicate, boolean deferred) {
    }

    public static String rateKey(TenantId tenant) {
        return QueueNames.TAG + ":webhook_rate:" + tenant.value();
    }

    public static String dedupKey(TenantId tenant, String bodySha256) {
        return QueueNames.TAG + ":webhook_dedup:" + tenant.value() + ":" + bodySha256;
    }

    /** Most jobs a tenant's deferred lane holds: {@code deferredCeiling} worth of its rate. */
    long ceilingJobs(int requestsPerMinute) {
        return (long) Math.ceil((double) requestsPerMinute * deferredCeiling.toMillis() / rateWindow.toMillis());
    }

    /**
     * Spends one of the tenant's requests (unless over the limit) and, when {@code pending} is
     * given, enqueues it unless the same body was enqueued within the dedup window.
     *
     * @param requestId unique per request; it is the job id when one is enqueued
     * @param pending null when the body did not parse: the request still counts against the limit
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot confirm (nothing was written)
     * @throws ReplicaWait.Unconfirmed when the job was queued but the replicas did not confirm it in time
     */
    public Admission admit(TenantId tenant, int requestsPerMinute, String requestId, PendingJob pending) {
        String json = pending == null ? "" : toJson(pending.job());
        String dedupKey = dedupKey(tenant, pending == null ? "-" : pending.bodySha256());
        // without a job the script touches no queue: any key of the queue's slot stands in for it
        String queue = pending == null ? QueueNames.INGRESS : pending.queue();
        List<?> reply;
        List<String> keys = List.of(rateKey(tenant), dedupKey, queue, DeferredRelease.laneKey(tenant), DeferredRelease.TENANTS);
        List<String> args = List.of(Integer.toString(requestsPerMinute), Long.toString(windowMicros), requestId, json,
                Long.toString(dedupWindowFor(pending)), Long.toString(ceilingJobs(requestsPerMinute)), tenant.value());
        if (replicaWait == null) {
            reply = (List<?>) SCRIPT.run(redis, keys, args);
            noteArrival(tenant, isNewJob(reply));
        } else {
            LuaScript.Replicated replicated = SCRIPT.runThenWait(redis, keys, args, replicaWait.replicas(),
                    replicaWait.timeoutMillis());
            reply = (List<?>) replicated.reply();
            // a job was written (queued, or deferred in its tenant's lane) but not confirmed by the replicas
            boolean unconfirmed = !replicaWait.record(replicated.replicas()) && isNewJob(reply);
            noteArrival(tenant, isNewJob(reply) && !unconfirmed);
            if (unconfirmed) {
                throw new ReplicaWait.Unconfirmed();
            }
        }
        long code = (Long) reply.get(0);
        String value = (String) reply.get(1);
        if (code == 0) {
            long waitMicros = Long.parseLong(value);
            return new Admission(true, Math.max(1, (waitMicros + 999_999) / 1_000_000), null, false, false);
        }
        return new Admission(false, 0, code == 1 ? null : value, code == 3, code == 4);
    }

    /** The script queued or deferred a new job (not a repeat, not a body without a job, not refused). */
    private static boolean isNewJob(List<?> reply) {
        long code = (Long) reply.get(0);
        return code == 2 || code == 4;
    }

    /**
     * The tenant's SDP reached us with its secret: the worker's reconciliation compares this time with
     * the tickets SDP shows (docs/reconciliation.md); and, when the delivery is answered 202 with a new
     * job, the hour's count of the tenant's accepted webhooks (the operator console's fleet activity).
     * One pipelined round trip. Best effort: the delivery's answer never depends on it (a failure here
     * may miss one count).
     */
    private void noteArrival(TenantId tenant, boolean accepted) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            pipeline.set(WebhookArrivals.lastReceivedKey(tenant), Long.toString(System.currentTimeMillis()),
                    SetParams.setParams().px(WebhookArrivals.TTL_MILLIS));
            if (accepted) {
                String hour = WebhookArrivals.acceptedKey(Instant.now());
                pipeline.hincrBy(hour, tenant.value(), 1);
                pipeline.expire(hour, WebhookArrivals.ACCEPTED_TTL_SECONDS);
            }
            pipeline.sync();
        } catch (JedisException e) {
            LOG.warn("event=webhook_arrival_not_recorded tenant_id={} error={}", tenant, e.getClass().getSimpleName());
        }
    }

    private long dedupWindowFor(PendingJob pending) {
        return pending != null && EnhancementJob.REQUEST_UPDATED.equals(pending.job().event())
                ? updateDedupWindowMillis : dedupWindowMillis;
    }

    private String toJson(EnhancementJob job) {
        try {
            return mapper.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EnhancementJob always serializes", e);
        }
    }
}
