package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.tracing.DetachedSpan;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import com.aiagents.platform.provisioning.client.TenantRegistryClient.Webhook;
import com.aiagents.platform.provisioning.db.OnboardingStore;
import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import com.aiagents.platform.provisioning.db.LeaseLostException;
import com.aiagents.platform.provisioning.db.TenantHasLiveOnboardingException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, resumes, reports and rolls back onboardings. A run is claimed in the database with a
 * lease this process renews while it works, so two requests (or two replicas) never run the same
 * onboarding, and one whose process died becomes resumable when its lease runs out.
 *
 * <p>The {@code create_tenant} step runs on the request's thread, so a refused body is answered
 * 400 (relaying tenant-service's field errors) with nothing left behind, and the one-time webhook
 * secret is always in the answer of the request that created the tenant; it is never stored.
 * The other steps run on a worker thread; the request waits for them up to a bound.
 *
 * <p>Traced as one {@code onboarding} span per run (a child of the request's server span), begun on
 * the request thread and ended on the worker thread when the run finishes, with the saga's
 * {@code onboarding_step} spans under it; a rollback is an {@code onboarding} span of its own.
 */
public final class Onboardings implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Onboardings.class);

    private final OnboardingStore store;
    private final OnboardingSaga saga;
    private final OnboardingMetrics metrics;
    private final Duration lease;
    private final Duration maxWait;
    private final String owner;
    /** {@code <instanceId>/}: the lease owners of this instance's processes, or null without an instance id. */
    private final String instancePrefix;
    private final Map<UUID, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();
    /** The fencing token of each run this process holds. */
    private final Map<UUID, Long> fences = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final ScheduledExecutorService leaseRenewal;
    private final PlatformTracing tracing;

    public Onboardings(OnboardingStore store, OnboardingSaga saga, OnboardingMetrics metrics, OnboardingSettings settings,
                       PlatformTracing tracing) {
        this.store = store;
        this.saga = saga;
        this.metrics = metrics;
        this.lease = settings.getLease().toJavaDuration();
        String instance = settings.getInstanceId();
        this.instancePrefix = instance == null || instance.isBlank() ? null : instance + "/";
        this.owner = (instancePrefix == null ? "provisioning-" : instancePrefix) + UUID.randomUUID();
        this.maxWait = settings.getWaitFor().toJavaDuration();
        this.executor = Executors.newFixedThreadPool(settings.getMaxConcurrentRuns(), named("onboarding-run"));
        this.leaseRenewal = Executors.newSingleThreadScheduledExecutor(named("onboarding-lease"));
        this.tracing = tracing;
    }

    /**
     * The answer to a POST: 201 when the run finished within the wait (whatever its outcome), 202
     * while it is still running, 200 when there was nothing to do (a finished onboarding asked
     * again). {@code webhook} carries the secret only in the answer of the request that created it.
     */
    public record Submitted(int status, Onboarding onboarding, Webhook webhook) {
    }

    public Duration maxWait() {
        return maxWait;
    }

    /**
     * {@code POST /v1/onboardings}: starts an onboarding, or resumes the one with the same
     * idempotency key. Without a key the tenant id is the key (its onboarding that is not rolled
     * back is the one resumed); with neither the call is refused, since a retried call would
     * otherwise onboard a second tenant.
     */
    public Submitted submit(String operator, OnboardingRequest request, Duration wait) {
        store.expireLeases();
        Optional<String> key = request.idempotencyKey();
        if (key.isEmpty() && request.tenantId().isEmpty()) {
            throw ApiException.badRequest("idempotency_key_required", "give a tenant_id or an idempotency_key,"
                    + " so that a retried call resumes this onboarding instead of creating a second tenant");
        }
        Optional<Onboarding> existing = key.isPresent() ? store.findByIdempotencyKey(key.get())
                : store.findLive(request.tenantId().orElseThrow());
        if (existing.isPresent()) {
            return resume(existing.get(), operator, request, wait);
        }
        TenantId tenantId = request.tenantId().orElseGet(TenantId::generate);
        Optional<Onboarding> created;
        try {
            created = store.insert(UUID.randomUUID(), tenantId, request.tier(), key.orElse(null), operator, owner, lease);
        } catch (TenantHasLiveOnboardingException e) {
            if (key.isEmpty() && e.other() != null) {
                // the same call, concurrently, without a key: it is the same onboarding
                return resume(store.find(e.other()).orElseThrow(), operator, request, wait);
            }
            throw ApiException.conflict("onboarding_exists", "tenant " + tenantId + " already has onboarding "
                    + e.other() + "; resume or roll back that one (one onboarding per tenant id at a time)");
        }
        if (created.isEmpty()) {
            // Another request with the same key got there first.
            return resume(store.findByIdempotencyKey(key.orElseThrow()).orElseThrow(), operator, request, wait);
        }
        LOG.info("event=onboarding_started onboarding_id={} tenant_id={} tier={} requested_by={}",
                created.get().id(), tenantId, request.tier().wireName(), operator);
        return run(created.get(), operator, request, wait, true);
    }

    public Optional<Onboarding> get(UUID id) {
        store.expireLeases();
        return store.find(id);
    }

    public List<Onboarding> list(OnboardingStatus status, TenantId tenantId, int limit, int offset) {
        store.expireLeases();
        return store.list(status, tenantId, limit, offset);
    }

    /**
     * {@code DELETE /v1/onboardings/{id}}: rolls back everything the onboarding created, in reverse
     * order; for a succeeded onboarding this offboards the tenant. Repeating it is harmless. Once
     * begun, the onboarding is {@code rolling_back}, then {@code rolled_back} or
     * {@code rollback_failed}; it never goes forward again.
     *
     * @throws ApiException 404 unknown, 409 while it runs, 502 when a compensation failed (repeat it)
     */
    public Onboarding rollback(UUID id, String operator) {
        store.expireLeases();
        Onboarding onboarding = store.find(id)
                .orElseThrow(() -> ApiException.notFound("onboarding_not_found", "no onboarding " + id));
        if (onboarding.status() == OnboardingStatus.ROLLED_BACK) {
            return onboarding;
        }
        OptionalLong fence = store.claim(id, Set.of(OnboardingStatus.FAILED, OnboardingStatus.SUCCEEDED,
                OnboardingStatus.ROLLBACK_FAILED), OnboardingStatus.ROLLING_BACK, owner, lease);
        if (fence.isEmpty()) {
            Onboarding now = store.find(id).orElseThrow();
            if (now.status() == OnboardingStatus.ROLLED_BACK) {
                return now;
            }
            throw ApiException.conflict("onboarding_" + now.status().wireName(), "onboarding " + id + " is "
                    + now.status().wireName() + "; wait until GET shows it finished, then DELETE again");
        }
        Onboarding claimed = store.find(id).orElseThrow();
        CompletableFuture<Void> done = new CompletableFuture<>();
        runs.put(id, done);
        fences.put(id, fence.getAsLong());
        boolean gone = false;
        try (SpanScope span = tracing.span(SpanNames.ONBOARDING).tenant(onboarding.tenantId().value())
                .onboarding(id.toString()).open()) {
            LOG.info("event=onboarding_rollback_started onboarding_id={} tenant_id={} requested_by={}",
                    id, onboarding.tenantId(), operator);
            try {
                gone = saga.compensate(claimed, operator);
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
            if (!gone) {
                span.fail("rollback_incomplete");
            }
        } finally {
            finishQuietly(id, fence.getAsLong(), gone ? OnboardingStatus.ROLLED_BACK : OnboardingStatus.ROLLBACK_FAILED);
            forget(id, done);
        }
        Onboarding after = store.find(id).orElseThrow();
        if (!gone) {
            String failedStep = after.steps().stream().filter(s -> s.step().isCompensation()
                    && s.status() == StepStatus.FAILED).map(s -> s.step().wireName() + ": " + s.error())
                    .findFirst().orElse("a compensation failed");
            throw new ApiException(502, "rollback_incomplete", "rollback of onboarding " + id + " stopped at "
                    + failedStep + "; it is rollback_failed: fix the cause and DELETE again (what is already gone"
                    + " stays gone)");
        }
        LOG.info("event=onboarding_rolled_back onboarding_id={} tenant_id={}", id, onboarding.tenantId());
        return after;
    }

    private Submitted resume(Onboarding existing, String operator, OnboardingRequest request, Duration wait) {
        if (request.tenantId().isPresent() && !request.tenantId().get().equals(existing.tenantId())
                || request.tier() != existing.tier()) {
            throw ApiException.conflict("idempotency_key_conflict", "idempotency_key belongs to onboarding "
                    + existing.id() + " of tenant " + existing.tenantId() + " (" + existing.tier().wireName()
                    + "); a different tenant or tier needs another key");
        }
        UUID id = existing.id();
        switch (existing.status()) {
            case ROLLED_BACK:
                throw ApiException.conflict("onboarding_rolled_back",
                        "onboarding " + id + " was rolled back; start again with a new idempotency_key");
            case ROLLING_BACK:
            case ROLLBACK_FAILED:
                throw ApiException.conflict("onboarding_" + existing.status().wireName(), "onboarding " + id
                        + " is " + existing.status().wireName() + ": a rollback has begun, so it cannot go forward;"
                        + " only DELETE is accepted (it finishes the rollback)");
            case SUCCEEDED:
                return new Submitted(200, existing, null);
            case RUNNING:
                CompletableFuture<Void> local = runs.get(id);
                boolean finished = local != null && await(local, wait);
                return new Submitted(finished ? 201 : 202, store.find(id).orElseThrow(), null);
            default:
                OptionalLong fence = store.claim(id, Set.of(OnboardingStatus.FAILED), OnboardingStatus.RUNNING, owner,
                        lease);
                if (fence.isEmpty()) {
                    Onboarding now = store.find(id).orElseThrow();
                    if (now.status().inRollback()) {
                        return resume(now, operator, request, wait);
                    }
                    return new Submitted(202, now, null);
                }
                LOG.info("event=onboarding_resumed onboarding_id={} tenant_id={} requested_by={}", id,
                        existing.tenantId(), operator);
                return run(store.find(id).orElseThrow(), operator, request, wait, false);
        }
    }

    private Submitted run(Onboarding onboarding, String operator, OnboardingRequest request, Duration wait,
                          boolean fresh) {
        UUID id = onboarding.id();
        OnboardingSaga.Run claimed = OnboardingSaga.Run.of(onboarding);
        long start = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        runs.put(id, done);
        fences.put(id, claimed.fence());
        Webhook webhook = null;
        DetachedSpan span = tracing.span(SpanNames.ONBOARDING).tenant(onboarding.tenantId().value())
                .onboarding(id.toString()).start();
        try {
            if (!onboarding.succeeded(Step.CREATE_TENANT)) {
                OnboardingSaga.CreateOutcome outcome;
                try (Scope ignored = span.context().makeCurrent()) {
                    outcome = saga.createTenant(onboarding, request, operator);
                }
                if (outcome instanceof OnboardingSaga.CreateOutcome.Refused refused) {
                    if (fresh) {
                        store.delete(id, claimed.fence());
                    } else {
                        store.finish(id, claimed.fence(), OnboardingStatus.FAILED);
                    }
                    end(id, done, span, OnboardingStatus.FAILED);
                    throw refused.answer();
                }
                if (outcome instanceof OnboardingSaga.CreateOutcome.Failed) {
                    finishRun(onboarding, OnboardingStatus.FAILED, start);
                    end(id, done, span, OnboardingStatus.FAILED);
                    return new Submitted(201, store.find(id).orElseThrow(), null);
                }
                webhook = ((OnboardingSaga.CreateOutcome.Created) outcome).webhook();
            }
            executor.execute(span.context().wrap(() -> {
                OnboardingStatus outcome = OnboardingStatus.FAILED;
                try {
                    outcome = saga.runRemaining(claimed, operator);
                } catch (LeaseLostException e) {
                    LOG.warn("event=onboarding_run_stopped onboarding_id={} reason=lease_lost", id);
                } catch (RuntimeException e) {
                    LOG.error("event=onboarding_run_error onboarding_id={}", id, e);
                } finally {
                    finishRun(onboarding, outcome, start);
                    end(id, done, span, outcome);
                }
            }));
        } catch (RuntimeException e) {
            if (!done.isDone()) {
                finishQuietly(id, claimed.fence(), OnboardingStatus.FAILED);
                end(id, done, span, OnboardingStatus.FAILED);
            }
            if (e instanceof LeaseLostException) {
                throw ApiException.conflict("onboarding_lease_lost", "onboarding " + id + " was taken over by"
                        + " another run; GET it to see where it stands");
            }
            throw e;
        }
        boolean finished = await(done, wait);
        return new Submitted(finished ? 201 : 202, store.find(id).orElseThrow(), webhook);
    }

    /** Ends the run unless it lost its lease (then its successor's state stands). */
    private void finishQuietly(UUID id, long fence, OnboardingStatus status) {
        try {
            store.finish(id, fence, status);
        } catch (LeaseLostException e) {
            LOG.warn("event=onboarding_finish_skipped onboarding_id={} reason=lease_lost", id);
        }
    }

    private void forget(UUID id, CompletableFuture<Void> done) {
        runs.remove(id, done);
        fences.remove(id);
        done.complete(null);
    }

    private void finishRun(Onboarding onboarding, OnboardingStatus outcome, long start) {
        finishQuietly(onboarding.id(), fences.getOrDefault(onboarding.id(), onboarding.fence()), outcome);
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.runFinished(onboarding.tier(), outcome, seconds);
        LOG.info("event=onboarding_finished onboarding_id={} tenant_id={} tier={} outcome={} seconds={}",
                onboarding.id(), onboarding.tenantId(), onboarding.tier().wireName(), outcome.wireName(),
                String.format(java.util.Locale.ROOT, "%.3f", seconds));
    }

    /** Ends the run and its {@code onboarding} span (failed unless the onboarding succeeded). */
    private void end(UUID id, CompletableFuture<Void> done, DetachedSpan span, OnboardingStatus outcome) {
        if (outcome != OnboardingStatus.SUCCEEDED) {
            span.fail("onboarding_" + outcome.wireName());
        }
        span.end();
        forget(id, done);
    }

    private static boolean await(CompletableFuture<Void> done, Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return done.isDone();
        }
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done.isDone();
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public void start() {
        if (instancePrefix != null) {
            int released = store.releaseInstance(instancePrefix);
            if (released > 0) {
                LOG.info("event=onboarding_runs_released count={} reason=instance_restarted"
                        + " (an earlier process of this instance died; POST or DELETE goes on)", released);
            }
        }
        long period = Math.max(1, lease.toMillis() / 3);
        leaseRenewal.scheduleAtFixedRate(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Renews this process's leases. A run whose lease could not be renewed (its token moved on)
     * is stopped: its next write fails the fencing check. When renewal itself fails (the database
     * is unreachable), runs keep their tokens: the writes they attempt are fenced all the same.
     */
    private void renewLeases() {
        Map<UUID, Long> held = Map.copyOf(fences);
        try {
            Set<UUID> renewed = store.renewLeases(owner, held, lease);
            for (UUID id : held.keySet()) {
                if (!renewed.contains(id) && fences.remove(id, held.get(id))) {
                    LOG.warn("event=onboarding_lease_lost onboarding_id={} (its run stops at its next write)", id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("event=onboarding_lease_renewal_failed error={}", e.getClass().getSimpleName());
        }
    }

    /**
     * Stops taking work and waits briefly for runs in flight (the clients are closed first, which
     * cancels their calls, so runs end promptly with a failed step). Whatever is still running is
     * released as failed and interrupted: resumable with the same request.
     */
    @Override
    public void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
        leaseRenewal.shutdownNow();
        for (Map.Entry<UUID, Long> run : Map.copyOf(fences).entrySet()) {
            store.interrupt(run.getKey(), run.getValue());
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
