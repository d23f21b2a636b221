package com.aiagents.platform.worker.queue;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the queue for one worker process: a dispatcher (BLMOVE from ingress, then Lua into tenant
 * lists), a claimer that fills {@code concurrency} slots with fairly chosen jobs, and the chores
 * (heartbeat, due retries, reaper, repair). Stopping it finishes running jobs within the grace
 * period and gives back the ones that did not finish.
 */
public final class QueueConsumer implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);

    /** Told when jobs start and end (metrics). */
    public interface Listener {
        void activeTasks(int count);

        void finished(ClaimedJob job, JobOutcome outcome, boolean retried);

        /** A job taken from a worker that did not finish it ({@code worker_crashed}, {@code deadline_exceeded}). */
        default void givenBack(String reason, boolean deadLettered, long count) {
        }
    }

    private final ReliableQueue queue;
    private final QueueMaintenance maintenance;
    private final JobHandler handler;
    private final RetryPolicy retries;
    private final QueueSettings settings;
    private final Clock clock;
    private final Listener listener;

    private final AtomicBoolean running = new AtomicBoolean();
    /** A reaper took our jobs (our heartbeat lapsed): claim and stage nothing until we rejoin. */
    private final AtomicBoolean reaped = new AtomicBoolean();
    private volatile Instant reapedAt = Instant.EPOCH;
    private final AtomicInteger active = new AtomicInteger();
    private final LinkedBlockingQueue<Boolean> wakeups = new LinkedBlockingQueue<>();
    private final Map<String, ClaimedJob> inFlight = new ConcurrentHashMap<>();
    /** The task running each held job (by the job as held), to interrupt one whose deadline passed. */
    private final Map<String, Future<?>> tasks = new ConcurrentHashMap<>();
    private Semaphore slots;
    private ExecutorService workers;
    private ExecutorService loops;
    private ScheduledExecutorService chores;
    /** The heartbeat's own thread: a chore stuck on Redis must not delay it past its TTL and get us reaped. */
    private ScheduledExecutorService heartbeats;

    public QueueConsumer(ReliableQueue queue, QueueMaintenance maintenance, JobHandler handler, RetryPolicy retries,
                         QueueSettings settings, Clock clock, Listener listener) {
        this.queue = queue;
        this.maintenance = maintenance;
        this.handler = handler;
        this.retries = retries;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        int concurrency = settings.getConcurrency();
        slots = new Semaphore(concurrency);
        // before the first claim: the claim counter is carried over from the untagged names
        queue.migrateUntaggedKeys();
        queue.join(ttl());
        workers = Executors.newFixedThreadPool(concurrency, QueueThreads.named("enhancement-job"));
        loops = Executors.newFixedThreadPool(2, QueueThreads.named("queue-loop"));
        chores = Executors.newScheduledThreadPool(2, QueueThreads.named("queue-chores"));
        heartbeats = Executors.newSingleThreadScheduledExecutor(QueueThreads.named("queue-heartbeat"));
        every(heartbeats, settings.getHeartbeatInterval().toJavaDuration(), "heartbeat", this::heartbeat);
        every(chores, settings.getPromoteInterval().toJavaDuration(), "promote", () -> {
            if (maintenance.promoteDue(clock.instant(), 500) > 0) {
                wake();
            }
        });
        every(chores, settings.getReaperInterval().toJavaDuration(), "reaper", this::reap);
        every(chores, settings.getReconcileInterval().toJavaDuration(), "reconcile", () -> {
            if (maintenance.reconcile() > 0) {
                wake();
            }
        });
        loops.submit(this::dispatchLoop);
        loops.submit(this::claimLoop);
        LOG.info("event=worker_started worker_id={} concurrency={} per_tenant_cap={}", queue.workerId(),
                concurrency, settings.getMaxInFlightPerTenant());
    }

    @Override
    public void stop() throws InterruptedException {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wake();
        loops.shutdown();
        loops.awaitTermination(settings.getDispatchWait().toJavaDuration().toMillis() + 2000, TimeUnit.MILLISECONDS);
        workers.shutdown();
        boolean finished = workers.awaitTermination(settings.getShutdownGrace().toMilliseconds(), TimeUnit.MILLISECONDS);
        int givenBack = 0;
        if (!finished) {
            // Give the jobs back first: a task that then ends finds its job gone (its lease check
            // fails before posting, its ack removes nothing), so nothing is done twice or lost.
            for (ClaimedJob job : inFlight.values()) {
                if (queue.release(job)) {
                    givenBack++;
                }
            }
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        chores.shutdownNow();
        heartbeats.shutdownNow();
        chores.awaitTermination(2, TimeUnit.SECONDS);
        heartbeats.awaitTermination(2, TimeUnit.SECONDS);
        leave();
        LOG.info("event=worker_stopped worker_id={} finished_in_grace={} jobs_given_back={}", queue.workerId(),
                finished, givenBack);
    }

    public int activeTasks() {
        return active.get();
    }

    private Duration ttl() {
        return settings.getHeartbeatTtl().toJavaDuration();
    }

    private void dispatchLoop() {
        Duration wait = settings.getDispatchWait().toJavaDuration();
        while (running.get()) {
            try {
                if (reaped.get()) {
                    // out of the live set, our staging list would be reaped by nobody
                    QueueThreads.sleep(wait);
                } else if (queue.awaitAndDispatch(wait) > 0) {
                    wake();
                }
            } catch (RuntimeException e) {
                pauseAfterFailure("dispatch", e);
            }
        }
    }

    private void claimLoop() {
        long idleMillis = settings.getIdlePoll().toJavaDuration().toMillis();
        while (running.get()) {
            try {
                if (reaped.get() && !rejoinWhenIdle()) {
                    wakeups.poll(idleMillis, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (!slots.tryAcquire(idleMillis, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Optional<ClaimedJob> claimed;
                try {
                    claimed = running.get() ? queue.claim() : Optional.empty();
                } catch (RuntimeException e) {
                    slots.release();
                    pauseAfterFailure("claim", e);
                    continue;
                }
                if (claimed.isEmpty()) {
                    slots.release();
                    wakeups.poll(idleMillis, TimeUnit.MILLISECONDS);
                    continue;
                }
                ClaimedJob job = claimed.get();
                inFlight.put(job.raw(), job);
                countActive(+1);
                Future<?> task = workers.submit(() -> run(job));
                if (inFlight.containsKey(job.raw())) {
                    tasks.put(job.raw(), task);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Rejoins the live workers after a reaper took our jobs, once no task that held one is still
     * running (so this worker does not run a returned job a second time beside its first run), or
     * once a job deadline has passed since the reap: a task still running then is stuck, and must
     * not keep the worker out for good. Its late ack or retry finds nothing to remove (each claim's
     * element is unique, by its claim token) and its note's recording is fenced.
     */
    private boolean rejoinWhenIdle() {
        if (!inFlight.isEmpty() && clock.instant().isBefore(reapedAt.plus(settings.getJobDeadline().toJavaDuration()))) {
            return false;
        }
        try {
            queue.join(ttl());
        } catch (RuntimeException e) {
            pauseAfterFailure("rejoin", e);
            return false;
        }
        reaped.set(false);
        LOG.info("event=worker_rejoined worker_id={}", queue.workerId());
        return true;
    }

    /**
     * Changes the running-task count and reports it in the same order: the claim thread and the
     * job threads change it concurrently, and a report overtaken by an older one would leave the
     * gauge wrong until the next change.
     */
    private void countActive(int delta) {
        synchronized (active) {
            listener.activeTasks(active.addAndGet(delta));
        }
    }

    /**
     * Beats; a job past its deadline is given back first (the beat is not renewed while one is
     * held), so a stuck handler neither holds its tenant's slot nor keeps the job from others.
     */
    private void heartbeat() {
        ReliableQueue.Beat beat = queue.heartbeat(ttl());
        if (!beat.overdue().isEmpty()) {
            beat.overdue().forEach(this::giveBackOverdue);
            beat = queue.heartbeat(ttl());
        }
        if (!beat.live() && reaped.compareAndSet(false, true)) {
            reapedAt = clock.instant();
            LOG.warn("event=worker_reaped_while_running worker_id={} jobs_running={}", queue.workerId(), inFlight.size());
        }
    }

    private void giveBackOverdue(String raw) {
        ClaimedJob held = inFlight.get(raw);
        String tenant = held != null ? held.tenantId() : tenantOf(raw);
        if (tenant == null) {
            return;
        }
        ReliableQueue.GiveBack result = queue.giveBackOverdue(raw, tenant);
        if (result == ReliableQueue.GiveBack.NOT_HELD) {
            return;
        }
        boolean dead = result == ReliableQueue.GiveBack.DEAD_LETTERED;
        LOG.warn("event=job_deadline_exceeded tenant_id={} job_id={} deadline_ms={} dead_lettered={}", tenant,
                held == null || held.job() == null ? null : held.job().jobId(),
                settings.getJobDeadline().toMilliseconds(), dead);
        listener.givenBack("deadline_exceeded", dead, 1);
        Future<?> task = tasks.get(raw);
        if (task != null) {
            // Interrupting frees threads blocked interruptibly; a socket read ends at its own timeout.
            task.cancel(true);
        }
        wake();
    }

    private static String tenantOf(String raw) {
        com.aiagents.platform.api.EnhancementJob job = JobCodec.read(raw);
        return job == null ? null : job.tenantId();
    }

    private void run(ClaimedJob job) {
        if (job.job() != null) {
            MDC.put("tenant_id", job.tenantId());
            MDC.put("job_id", job.job().jobId());
        }
        try {
            JobOutcome outcome = job.job() == null
                    ? JobOutcome.dead("unreadable_job")
                    : handle(job);
            settleDespiteRedisFailures(job, outcome);
        } finally {
            inFlight.remove(job.raw());
            tasks.remove(job.raw());
            countActive(-1);
            slots.release();
            wake();
            MDC.clear();
        }
    }

    private JobOutcome handle(ClaimedJob job) {
        try {
            return handler.handle(job, () -> queue.stillHeld(job));
        } catch (RuntimeException e) {
            LOG.warn("event=job_failed_unexpectedly error={}", e.getClass().getSimpleName());
            return JobOutcome.retry("unexpected_" + e.getClass().getSimpleName());
        }
    }

    /**
     * Settles the job, trying again while Redis fails: a job left in our processing list would stay
     * there (holding one of its tenant's in-flight slots) for as long as this worker lives. On
     * shutdown it is left for the reaper, which returns it once our heartbeat is gone.
     */
    private void settleDespiteRedisFailures(ClaimedJob job, JobOutcome outcome) {
        for (int failures = 0; ; failures++) {
            try {
                settle(job, outcome);
                return;
            } catch (RuntimeException e) {
                LOG.warn("event=job_settle_failed error={} failures={}", e.getClass().getSimpleName(), failures + 1);
            }
            if (!running.get() || !QueueThreads.sleep(Duration.ofMillis(Math.min(10_000, 500L << Math.min(failures, 5))))) {
                return;
            }
        }
    }

    private void settle(ClaimedJob job, JobOutcome outcome) {
        Instant now = clock.instant();
        if (outcome instanceof JobOutcome.Done) {
            queue.ack(job);
            listener.finished(job, outcome, false);
        } else if (outcome instanceof JobOutcome.Later later) {
            // the same attempt, not counted: nothing failed, the job only waits its turn
            queue.retryLater(job, job.job(), now.plus(later.delay()));
            LOG.info("event=job_deferred delay_ms={} reason={}", later.delay().toMillis(), later.reason());
            listener.finished(job, outcome, true);
        } else if (outcome instanceof JobOutcome.Retry retry && retries.mayRetry(job.job().attempt())) {
            Duration delay = retries.delayAfter(job.job().attempt());
            queue.retryLater(job, job.job().nextAttempt(), now.plus(delay));
            LOG.info("event=job_retry_scheduled attempt={} delay_ms={} reason={}", job.job().attempt() + 1,
                    delay.toMillis(), retry.reason());
            listener.finished(job, outcome, true);
        } else {
            String reason = outcome instanceof JobOutcome.Dead dead ? dead.reason()
                    : "retries_exhausted:" + ((JobOutcome.Retry) outcome).reason();
            queue.deadLetter(job, reason, now);
            LOG.warn("event=job_dead_lettered reason={}", reason);
            listener.finished(job, new JobOutcome.Dead(reason), false);
        }
    }

    private void reap() {
        QueueMaintenance.Reaped reaped = maintenance.reapDeadWorkers();
        if (reaped.workers() > 0) {
            LOG.warn("event=dead_workers_reaped workers={} jobs_returned={} jobs_dead_lettered={}", reaped.workers(),
                    reaped.jobs(), reaped.deadLettered());
            listener.givenBack("worker_crashed", false, reaped.jobs());
            listener.givenBack("worker_crashed", true, reaped.deadLettered());
            wake();
        }
    }

    private void wake() {
        wakeups.offer(Boolean.TRUE);
        if (wakeups.size() > 64) {
            wakeups.clear();
            wakeups.offer(Boolean.TRUE);
        }
    }

    private void every(ScheduledExecutorService scheduler, Duration period, String name, Runnable chore) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                LOG.warn("event=queue_chore_failed chore={} error={}", name, e.getClass().getSimpleName());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pauseAfterFailure(String loop, RuntimeException e) {
        LOG.warn("event=queue_loop_failed loop={} error={}", loop, e.getClass().getSimpleName());
        QueueThreads.sleep(Duration.ofSeconds(1));
    }

    /**
     * Stops heartbeating and lets the reaper take us out of the live set, so that anything still
     * held (staged by BLMOVE, or a job whose settling failed) goes back to the queue, not astray.
     */
    private void leave() {
        try {
            queue.dispatch();
            queue.stopHeartbeat();
            maintenance.reapDeadWorkers();
        } catch (RuntimeException e) {
            // Our heartbeat key expires by itself; another worker's reaper then returns what we hold.
            LOG.warn("event=worker_leave_failed error={}", e.getClass().getSimpleName());
        }
    }
}
