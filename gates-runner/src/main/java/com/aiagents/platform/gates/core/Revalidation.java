package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled re-run of the gates that can break under a live tenant (by default 1, RLS, and 4,
 * integrations) for every active tenant. A failure raises
 * {@code gate_revalidation_failures_total{tenant_id,gate}} and logs {@code gate_revalidation_failed}.
 *
 * <p>With several gates-runner replicas, each pass runs on one of them: the replica that takes the
 * pass's lock (held for most of an interval, never released early) runs it, the others skip it.
 *
 * <p>These runs are not recorded in {@code gate_runs}: a partial run recorded as the tenant's latest
 * would stand in for its last full run, and tenant-service reads the latest run to allow activation.
 */
public final class Revalidation implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Revalidation.class);

    private final GateRunner runner;
    private final PlatformServices services;
    private final GateMetrics metrics;
    private final List<Integer> gates;
    private final ReplicaLocks locks;
    private final java.time.Duration interval;

    /** A pass on this process alone, whatever other replicas do (a test, or a single replica). */
    public Revalidation(GateRunner runner, PlatformServices services, GateMetrics metrics, List<Integer> gates) {
        this(runner, services, metrics, gates, null, null);
    }

    /** @param interval the schedule's interval: the pass's lock is held for 90% of it */
    public Revalidation(GateRunner runner, PlatformServices services, GateMetrics metrics, List<Integer> gates,
                        ReplicaLocks locks, java.time.Duration interval) {
        this.runner = runner;
        this.services = services;
        this.metrics = metrics;
        this.gates = List.copyOf(gates);
        this.locks = locks;
        this.interval = interval;
    }

    /** One pass over every active tenant; never throws, so the schedule keeps going. */
    @Override
    public void run() {
        try {
            if (locks != null && locks.tryAcquire("revalidation", interval.multipliedBy(9).dividedBy(10)).isEmpty()) {
                LOG.info("gate_revalidation_skipped reason=\"another gates-runner replica runs this pass\"");
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("gate_revalidation_skipped reason=\"cannot take the pass's lock: {}\"", GateFailures.describe(e));
            return;
        }
        List<TenantId> tenants;
        try {
            tenants = services.activeTenants();
        } catch (RuntimeException e) {
            LOG.warn("gate_revalidation_skipped reason=\"cannot list active tenants: {}\"", GateFailures.describe(e));
            return;
        }
        for (TenantId tenant : tenants) {
            revalidate(tenant);
        }
    }

    private void revalidate(TenantId tenant) {
        GateRun run;
        try {
            run = runner.run(tenant, gates, false);
        } catch (GateRunner.RunInProgress | GateRunner.TenantNotFound | GateRunner.TenantSuspended e) {
            LOG.info("gate_revalidation_skipped tenant_id={} reason=\"{}\"", tenant, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("gate_revalidation_skipped tenant_id={} reason=\"{}\"", tenant, GateFailures.describe(e));
            return;
        }
        for (GateResult result : run.results()) {
            if (!result.passed()) {
                metrics.revalidationFailed(tenant.value(), result.gate());
                LOG.error("gate_revalidation_failed tenant_id={} gate={} name=\"{}\" reason=\"{}\"", tenant,
                        result.gate(), result.name(), result.summary());
            }
        }
    }
}
