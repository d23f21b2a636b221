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
    private final String owner = "provisioning-" + UUID.randomUUID();
    private final Map<UUID, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final ScheduledExecutorService leaseRenewal;
    private final PlatformTracing tracing;

    public Onboardings(OnboardingStore store, OnboardingSaga saga, OnboardingMetrics metrics, OnboardingSettings settings,
                       PlatformTracing tracing) {
        this.store = store;
        this.saga = saga;
        this.metrics = metrics;
        this.lease = settings.getLease().toJavaDuration();
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

    /** {@code POST /v1/onboardings}: starts an onboarding, or resumes the one with the same idempotency key. */
    public Submitted submit(String operator, OnboardingRequest request, Duration wait) {
        store.expireLeases();
        Optional<String> key = request.idempotencyKey();
        if (key.isPresent()) {
            Optional<Onboarding> existing = store.findByIdempotencyKey(key.get());
            if (existing.isPresent()) {
                return resume(existing.get(), operator, request, wait);
            }
        }
        TenantId tenantId = request.tenantId().orElseGet(TenantId::generate);
        Optional<Onboarding> created = store.insert(UUID.randomUUID(), tenantId, request.tier(), key.orElse(null),
                operator, owner, lease);
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
     * order; for a succeeded onboarding this offboards the tenant. Repeating it is harmless.
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
        if (!store.claim(id, Set.of(OnboardingStatus.FAILED, OnboardingStatus.SUCCEEDED), owner, lease)) {
            throw ApiException.conflict("onboarding_running",
                    "onboarding " + id + " is running; wait until GET shows it finished, then DELETE again");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        runs.put(id, done);
        boolean gone = false;
        try (SpanScope span = tracing.span(SpanNames.ONBOARDING).tenant(onboarding.tenantId().value())
                .onboarding(id.toString()).open()) {
            LOG.info("event=onboarding_rollback_started onboarding_id={} tenant_id={} requested_by={}",
                    id, onboarding.tenantId(), operator);
            try {
                gone = saga.compensate(onboarding, operator);
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
            if (!gone) {
                span.fail("rollback_incomplete");
            }
        } finally {
            store.finish(id, gone ? OnboardingStatus.ROLLED_BACK : OnboardingStatus.FAILED, owner);
            runs.remove(id);
            done.complete(null);
        }
        Onboarding after = store.find(id).orElseThrow();
        if (!gone) {
            String failedStep = after.steps().stream().filter(s -> s.step().isCompensation()
                    && s.status() == StepStatus.FAILED).map(s -> s.step().wireName() + ": " + s.error())
                    .findFirst().orElse("a compensation failed");
            throw new ApiException(502, "rollback_incomplete", "rollback of onboarding " + id + " stopped at "
                    + failedStep + "; fix the cause and DELETE again (what is already gone stays gone)");
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
            case SUCCEEDED:
                if (!existing.succeeded(Step.START_TICKET_HISTORY_IMPORT)) {
                    saga.startTicketHistoryImport(existing, operator);
                }
                return new Submitted(200, store.find(id).orElseThrow(), null);
            case RUNNING:
                CompletableFuture<Void> local = runs.get(id);
                boolean finished = local != null && await(local, wait);
                return new Submitted(finished ? 201 : 202, store.find(id).orElseThrow(), null);
            default:
                if (!store.claim(id, Set.of(OnboardingStatus.FAILED), owner, lease)) {
                    return new Submitted(202, store.find(id).orElseThrow(), null);
                }
                LOG.info("event=onboarding_resumed onboarding_id={} tenant_id={} requested_by={}", id,
                        existing.tenantId(), operator);
                return run(store.find(id).orElseThrow(), operator, request, wait, false);
        }
    }

    private Submitted run(Onboarding onboarding, String operator, OnboardingRequest request, Duration wait,
                          boolean fresh) {
        UUID id = onboarding.id();
        long start = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        runs.put(id, done);
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
                        store.delete(id);
                    } else {
                        store.finish(id, OnboardingStatus.FAILED, owner);
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
                    outcome = saga.runRemaining(id, operator);
                } catch (RuntimeException e) {
                    LOG.error("event=onboarding_run_error onboarding_id={}", id, e);
                } finally {
                    finishRun(onboarding, outcome, start);
                    end(id, done, span, outcome);
                }
            }));
        } catch (RuntimeException e) {
            if (!done.isDone()) {
                store.finish(id, OnboardingStatus.FAILED, owner);
                end(id, done, span, OnboardingStatus.FAILED);
            }
            throw e;
        }
        boolean finished = await(done, wait);
        return new Submitted(finished ? 201 : 202, store.find(id).orElseThrow(), webhook);
    }

    private void finishRun(Onboarding onboarding, OnboardingStatus outcome, long start) {
        store.finish(onboarding.id(), outcome, owner);
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
        runs.remove(id, done);
        done.complete(null);
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
        long period = Math.max(1, lease.toMillis() / 3);
        leaseRenewal.scheduleAtFixedRate(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
    }

    private void renewLeases() {
        try {
            store.renewLeases(owner, Set.copyOf(runs.keySet()), lease);
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
        for (UUID id : Set.copyOf(runs.keySet())) {
            store.interrupt(id, owner);
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
