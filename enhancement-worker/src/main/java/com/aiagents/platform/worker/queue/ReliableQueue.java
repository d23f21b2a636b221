package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.SetParams;

/**
 * One worker's side of the reliable queue (docs/queue.md). Jobs move only inside Lua
 * scripts or with BLMOVE, so every job is, at every instant, in exactly one of: the ingress list,
 * a worker's staging list, a tenant's list, a worker's processing list, the delayed set or the
 * dead list. A job leaves a processing list only when it is acknowledged (after its outcome is
 * recorded), scheduled for retry, dead-lettered, given back, or returned by a reaper because its
 * worker's heartbeat expired.
 */
public final class ReliableQueue {
    /** Tenants read from the ring per claim: the claim script takes the first under its cap. */
    private static final int CLAIM_CANDIDATES = 32;

    private static final LuaScript DISPATCH = QueueScripts.load("dispatch.lua");
    private static final LuaScript CLAIM = QueueScripts.load("claim.lua");
    private static final LuaScript ACK = QueueScripts.load("ack.lua");
    private static final LuaScript RETRY = QueueScripts.load("retry.lua");
    private static final LuaScript DEAD = QueueScripts.load("dead.lua");
    private static final LuaScript RELEASE = QueueScripts.load("release.lua");
    private static final LuaScript HEARTBEAT = QueueScripts.load("heartbeat.lua");
    private static final LuaScript OVERDUE = QueueScripts.load("overdue.lua");

    private final UnifiedJedis redis;
    private final String workerId;
    private final int perTenantCap;
    private final int dispatchBatch;
    private final Duration jobDeadline;
    private final int maxAttempts;
    private final int premiumWeight;

    /** With the default premium weight. */
    public ReliableQueue(UnifiedJedis redis, String workerId, int perTenantCap, int dispatchBatch, Duration jobDeadline,
                         int maxAttempts) {
        this(redis, workerId, perTenantCap, dispatchBatch, jobDeadline, maxAttempts, QueueSettings.DEFAULT_PREMIUM_WEIGHT);
    }

    /**
     * @param perTenantCap  jobs in flight per basic tenant while another tenant waits (work-conserving)
     * @param jobDeadline   how long one claim may hold a job; then it is given back (attempt counted)
     * @param maxAttempts   attempts per job: a job overdue on its last one is dead-lettered
     * @param premiumWeight a premium tenant's cap is {@code perTenantCap} times this
     */
    public ReliableQueue(UnifiedJedis redis, String workerId, int perTenantCap, int dispatchBatch, Duration jobDeadline,
                         int maxAttempts, int premiumWeight) {
        if (!workerId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("worker id must be 1..100 of [A-Za-z0-9._-]");
        }
        this.redis = redis;
        this.workerId = workerId;
        this.perTenantCap = perTenantCap;
        this.dispatchBatch = dispatchBatch;
        this.jobDeadline = jobDeadline;
        this.maxAttempts = maxAttempts;
        this.premiumWeight = premiumWeight;
    }

    public String workerId() {
        return workerId;
    }

    /** Moves what an older version left under the queue's untagged key names ({@link UntaggedKeys}). */
    public UntaggedKeys.Moved migrateUntaggedKeys() {
        return new UntaggedKeys(redis).migrate();
    }

    /**
     * Joins the live workers with a fresh heartbeat: before the first claim, and to rejoin after a
     * reaper took this worker's jobs, once none of the tasks that held them is still running.
     */
    public void join(Duration ttl) {
        redis.set(QueueKeys.heartbeat(workerId), Instant.now().toString(), SetParams.setParams().px(ttl.toMillis()));
        redis.sadd(QueueKeys.WORKERS, workerId);
    }

    /** What one heartbeat found. */
    public record Beat(boolean live, boolean renewed, List<String> overdue) {
    }

    /**
     * Renews the heartbeat, every interval. Not live when a reaper found it expired and returned
     * this worker's jobs: it is then out of the live set and claims nothing until it {@link #join}s
     * again. Not renewed while a job it holds is past its deadline: those are named in
     * {@code overdue}, to be given back ({@link #giveBackOverdue}) before the next beat.
     */
    public Beat heartbeat(Duration ttl) {
        List<?> reply = (List<?>) HEARTBEAT.run(redis,
                List.of(QueueKeys.WORKERS, QueueKeys.heartbeat(workerId), QueueKeys.processing(workerId)),
                List.of(workerId, Long.toString(ttl.toMillis()), Instant.now().toString()));
        long status = (Long) reply.get(0);
        List<String> overdue = reply.subList(1, reply.size()).stream().map(String.class::cast).toList();
        return new Beat(status != 0, status == 1, overdue);
    }

    /** What giving back an overdue job did. */
    public enum GiveBack { NOT_HELD, REQUEUED, DEAD_LETTERED }

    /**
     * Gives back a job held past its deadline: its tenant's slot freed at once, its attempt
     * counted, to the front of its tenant's list (or the dead list, {@code deadline_exceeded}, after
     * its last attempt), whatever its handler thread is doing.
     */
    public GiveBack giveBackOverdue(String raw, String tenantId) {
        long result = (Long) OVERDUE.run(redis,
                List.of(QueueKeys.processing(workerId), QueueKeys.INFLIGHT, QueueKeys.tenant(tenantId), QueueKeys.RING,
                        QueueKeys.KNOWN, QueueNames.DEAD),
                List.of(raw, tenantId, Integer.toString(maxAttempts), Instant.now().toString()));
        return GiveBack.values()[(int) result];
    }

    /**
     * Stops the heartbeat. The worker leaves the live set when a reaper next runs, which returns
     * anything it still holds (a job whose acknowledgement failed) instead of orphaning it.
     */
    public void stopHeartbeat() {
        redis.del(QueueKeys.heartbeat(workerId));
    }

    /**
     * Waits up to {@code timeout} for a job on the ingress list, moves it atomically (BLMOVE) into
     * this worker's staging list, then dispatches it and up to a batch more into tenant lists.
     * (Both lists are in the queue's hash slot, so BLMOVE works on Redis Cluster too.)
     *
     * @return how many jobs were dispatched
     */
    public long awaitAndDispatch(Duration timeout) {
        String first = redis.blmove(QueueNames.INGRESS, QueueKeys.staging(workerId),
                ListDirection.RIGHT, ListDirection.LEFT, Math.max(0.01, timeout.toMillis() / 1000.0));
        return first == null ? 0 : dispatch();
    }

    /**
     * Dispatches what is on the ingress list (and in this worker's staging list) without waiting:
     * reads the jobs first, so the script is given the lists of their tenants.
     */
    public long dispatch() {
        Response<List<String>> staged;
        Response<List<String>> oldest;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            staged = pipeline.lrange(QueueKeys.staging(workerId), 0, -1);
            oldest = pipeline.lrange(QueueNames.INGRESS, -dispatchBatch, -1);
            pipeline.sync();
        }
        TenantLists lists = TenantLists.ofJobs(staged.get());
        oldest.get().forEach(lists::addTenantOf);
        List<String> keys = new ArrayList<>(List.of(QueueKeys.staging(workerId), QueueNames.INGRESS, QueueKeys.RING,
                QueueKeys.KNOWN, QueueNames.DEAD));
        keys.addAll(lists.keys());
        List<String> args = new ArrayList<>(List.of(Integer.toString(dispatchBatch)));
        args.addAll(lists.tenants());
        return (Long) DISPATCH.run(redis, keys, args);
    }

    /**
     * The next job of the least recently served tenant under its cap, else (nobody under its cap has
     * work) of the least recently served tenant over it; empty when no tenant has work (or this worker
     * is not in the live set). The tenants are read from the ring first, so the script is given their lists.
     */
    public Optional<ClaimedJob> claim() {
        Response<List<String>> ring;
        Response<Map<String, String>> inflight;
        Response<java.util.Set<String>> premium;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            ring = pipeline.zrange(QueueKeys.RING, 0, 999);
            inflight = pipeline.hgetAll(QueueKeys.INFLIGHT);
            premium = pipeline.smembers(QueueKeys.PREMIUM);
            pipeline.sync();
        }
        // the first tenants under their cap, and (for the work-conserving fallback) the first over it
        TenantLists candidates = new TenantLists();
        int under = 0;
        int over = 0;
        for (String tenant : ring.get()) {
            int cap = premium.get().contains(tenant) ? perTenantCap * premiumWeight : perTenantCap;
            boolean underCap = Long.parseLong(inflight.get().getOrDefault(tenant, "0")) < cap;
            if (underCap ? under++ < CLAIM_CANDIDATES : over++ < CLAIM_CANDIDATES) {
                candidates.add(tenant);
            }
            if (under >= CLAIM_CANDIDATES && over >= CLAIM_CANDIDATES) {
                break;
            }
        }
        if (candidates.tenants().isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(List.of(QueueKeys.RING, QueueKeys.INFLIGHT, QueueKeys.processing(workerId),
                QueueKeys.SERVE_SEQUENCE, QueueKeys.WORKERS, QueueKeys.CLAIM_TOKENS, QueueKeys.PREMIUM));
        keys.addAll(candidates.keys());
        List<String> args = new ArrayList<>(List.of(Integer.toString(perTenantCap), workerId,
                Long.toString(jobDeadline.toMillis()), Integer.toString(premiumWeight)));
        args.addAll(candidates.tenants());
        Object reply = CLAIM.run(redis, keys, args);
        if (!(reply instanceof List<?> pair) || pair.size() != 2) {
            return Optional.empty();
        }
        String raw = (String) pair.get(1);
        return Optional.of(new ClaimedJob((String) pair.get(0), raw, JobCodec.read(raw)));
    }

    /** The work is recorded: the job leaves the queue for good. False if a reaper took it back meanwhile. */
    public boolean ack(ClaimedJob claimed) {
        return 1L == (Long) ACK.run(redis, List.of(QueueKeys.processing(workerId), QueueKeys.INFLIGHT),
                List.of(claimed.raw(), claimed.tenantId()));
    }

    /** Schedules {@code next} (the next attempt) at {@code due} in the delayed set. */
    public boolean retryLater(ClaimedJob claimed, EnhancementJob next, Instant due) {
        return 1L == (Long) RETRY.run(redis,
                List.of(QueueKeys.processing(workerId), QueueKeys.INFLIGHT, QueueKeys.DELAYED),
                List.of(claimed.raw(), claimed.tenantId(), JobCodec.write(next), Long.toString(due.toEpochMilli())));
    }

    /** Moves the job to {@code {enhancement_queue}:dead} with a short reason. */
    public boolean deadLetter(ClaimedJob claimed, String reason, Instant now) {
        String entry = JobCodec.deadEntry(claimed.raw(), claimed.job(), reason, now);
        return 1L == (Long) DEAD.run(redis,
                List.of(QueueKeys.processing(workerId), QueueKeys.INFLIGHT, QueueNames.DEAD),
                List.of(claimed.raw(), claimed.tenantId(), entry));
    }

    /** Gives an unfinished job back to the front of its tenant's list (graceful shutdown). */
    public boolean release(ClaimedJob claimed) {
        return 1L == (Long) RELEASE.run(redis,
                List.of(QueueKeys.processing(workerId), QueueKeys.INFLIGHT, QueueKeys.RING, QueueKeys.KNOWN,
                        QueueKeys.tenant(claimed.tenantId())),
                List.of(claimed.raw(), claimed.tenantId()));
    }

    /**
     * Whether this worker still holds the job (no reaper returned it). Checked right before a note
     * is posted, so a worker that lost its jobs (heartbeat expired) does not post a job another
     * worker may now be working on.
     */
    public boolean stillHeld(ClaimedJob claimed) {
        return redis.lpos(QueueKeys.processing(workerId), claimed.raw()) != null;
    }
}
