package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import com.aiagents.platform.gates.api.LatestGateRun;
import com.aiagents.platform.gates.db.GateRunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gates for a tenant, one run per tenant at a time, each gate bounded by {@code timeout}; a
 * gate that throws or overruns fails with the reason. Records the run in {@code gate_runs} (when
 * asked to) and counts every gate in {@code gate_runs_total}. Traced as one {@code gate_run} span
 * (with {@code tenant_id}) holding a {@code gate} span per gate (with {@code gate}); a gate's own
 * calls (webhook, SDP, peers) are children of its span, so in an onboarding's trace the gates sit
 * under provisioning-service's {@code run_gates} step.
 */
public final class GateRunner {
    private static final Logger LOG = LoggerFactory.getLogger(GateRunner.class);

    private final SortedMap<Integer, Gate> gates = new TreeMap<>();
    private final PlatformServices services;
    private final GateRunStore store;
    private final GateMetrics metrics;
    private final ExecutorService executor;
    private final Duration timeout;
    private final Clock clock;
    private final PlatformTracing tracing;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ReplicaLocks locks;

    public GateRunner(List<Gate> gates, PlatformServices services, GateRunStore store, GateMetrics metrics,
                      ExecutorService executor, Duration timeout, Clock clock, PlatformTracing tracing) {
        this(gates, services, store, metrics, executor, timeout, clock, tracing, null);
    }

    /** @param locks what keeps two replicas from running one tenant's gates at once; null: this process only */
    public GateRunner(List<Gate> gates, PlatformServices services, GateRunStore store, GateMetrics metrics,
                      ExecutorService executor, Duration timeout, Clock clock, PlatformTracing tracing,
                      ReplicaLocks locks) {
        this.locks = locks;
        for (Gate gate : gates) {
            this.gates.put(gate.number(), gate);
        }
        this.services = services;
        this.store = store;
        this.metrics = metrics;
        this.executor = executor;
        this.timeout = timeout;
        this.clock = clock;
        this.tracing = tracing;
    }

    public List<Integer> allGates() {
        return List.copyOf(gates.keySet());
    }

    /** Runs {@code numbers} (in order) and records the run. */
    public GateRun run(TenantId tenant, List<Integer> numbers) {
        return run(tenant, numbers, true);
    }

    /**
     * @throws TenantNotFound when tenant-service does not know the tenant (or it is offboarded)
     * @throws TenantSuspended when the tenant is suspended: nothing is run or recorded
     * @throws RunInProgress  when a run for the tenant is already going on
     * @throws PeerCallException when tenant-service cannot be asked
     */
    public GateRun run(TenantId tenant, List<Integer> numbers, boolean record) {
        for (Integer number : numbers) {
            if (!gates.containsKey(number)) {
                throw new IllegalArgumentException("there is no gate " + number + "; gates are " + gates.keySet());
            }
        }
        if (!running.add(tenant.value())) {
            throw new RunInProgress(tenant);
        }
        ReplicaLocks.Lease lease = null;
        if (locks != null) {
            // each gate is bounded by the timeout; the lock outlives the longest possible run
            lease = locks.tryAcquire("gate-run:" + tenant.value(), timeout.multipliedBy(numbers.size() + 1))
                    .orElse(null);
            if (lease == null) {
                running.remove(tenant.value());
                throw new RunInProgress(tenant);
            }
        }
        try (ReplicaLocks.Lease held = lease;
             SpanScope span = tracing.span(SpanNames.GATE_RUN).tenant(tenant.value()).open()) {
            try {
                GateRun run = runGates(tenant, numbers, record);
                if (!run.passed()) {
                    span.fail("gates_failed");
                }
                return run;
            } catch (RuntimeException e) {
                span.fail(e); // not found, suspended, peer down: the trace must not read as a success
                throw e;
            }
        } finally {
            running.remove(tenant.value());
        }
    }

    private GateRun runGates(TenantId tenant, List<Integer> numbers, boolean record) {
        TenantRuntimeConfig config = services.runtimeConfig(tenant).orElseThrow(() -> new TenantNotFound(tenant));
        if (config.status() == TenantStatus.SUSPENDED) {
            // gate 3 cannot pass while the gateway refuses its webhooks; a recorded failing run
            // would only block the resume, which rests on the last 4/4 run
            throw new TenantSuspended(tenant);
        }
        String runId = UUID.randomUUID().toString();
        GateContext context = new GateContext(runId, tenant, config);
        List<GateResult> results = new ArrayList<>();
        for (Integer number : numbers) {
            GateResult result = runOne(gates.get(number), context);
            metrics.gateRan(result);
            results.add(result);
            LOG.info("gate_finished tenant_id={} run_id={} gate={} passed={} duration_ms={} summary=\"{}\"",
                    tenant, runId, result.gate(), result.passed(), result.durationMs(), result.summary());
        }
        GateRun run = new GateRun(runId, tenant, results);
        if (record) {
            store.record(run);
        }
        return run;
    }

    public Optional<GateRun> find(PlatformPrincipal caller, String runId) {
        return store.find(caller, runId);
    }

    /** Each tenant's latest run in brief, null for a tenant without one. */
    public Map<TenantId, LatestGateRun> latest(List<TenantId> tenants) {
        return store.latest(tenants);
    }

    public Optional<List<GateRun>> recent(PlatformPrincipal caller, TenantId tenant, int limit) {
        return store.recent(caller, tenant, limit);
    }

    private GateResult runOne(Gate gate, GateContext context) {
        try (SpanScope span = tracing.span(SpanNames.GATE).gate(Integer.toString(gate.number())).open()) {
            GateResult result = runBounded(gate, context, span);
            if (!result.passed()) {
                span.fail("gate_failed");
            }
            return result;
        }
    }

    /** Runs the gate on the executor (inside its span's context) for at most {@code timeout}. */
    private GateResult runBounded(Gate gate, GateContext context, SpanScope span) {
        Instant started = clock.instant();
        GateOutcome outcome;
        Future<GateOutcome> future = executor.submit(span.context().wrap(() -> gate.run(context)));
        try {
            outcome = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            outcome = GateOutcome.fail("Gate timed out after " + (timeout.toMillis() % 1000 == 0
                    ? timeout.toSeconds() + "s" : timeout.toMillis() + " ms"), Map.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("gate_error tenant_id={} gate={} error={}", context.tenantId(), gate.number(),
                    cause.getClass().getSimpleName());
            outcome = GateOutcome.fail("Gate could not run: " + GateFailures.describe(cause), Map.of());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            outcome = GateOutcome.fail("Gate interrupted", Map.of());
        }
        Instant finished = clock.instant();
        return new GateResult(gate.number(), gate.name(), outcome.passed(), outcome.summary(), outcome.details(),
                Duration.between(started, finished).toMillis(), started, finished);
    }

    /** tenant-service does not know the tenant, or it is offboarded. */
    public static final class TenantNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TenantNotFound(TenantId tenant) {
            super("tenant " + tenant + " not found", null, false, false);
        }
    }

    /** The tenant is suspended: its gates are not run; resuming it rests on its last 4/4 run. */
    public static final class TenantSuspended extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TenantSuspended(TenantId tenant) {
            super("tenant " + tenant + " is suspended: its gates cannot pass while the gateway refuses its webhooks, "
                    + "so they are not run; resume the tenant; its last 4/4 run stands (tenant-service: POST /v1/tenants/"
                    + tenant + "/status {\"status\": \"active\"})",
                    null, false, false);
        }
    }

    /** A run for the tenant is already going on. */
    public static final class RunInProgress extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunInProgress(TenantId tenant) {
            // on this replica or another: the 409 reads the same either way
            super("a gate run for tenant " + tenant + " is already in progress", null, false, false);
        }
    }
}
