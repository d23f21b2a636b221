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
 * <p>These runs are not recorded in {@code gate_runs}: a partial run recorded as the tenant's latest
 * would stand in for its last full run, and tenant-service reads the latest run to allow activation.
 */
public final class Revalidation implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Revalidation.class);

    private final GateRunner runner;
    private final PlatformServices services;
    private final GateMetrics metrics;
    private final List<Integer> gates;

    public Revalidation(GateRunner runner, PlatformServices services, GateMetrics metrics, List<Integer> gates) {
        this.runner = runner;
        this.services = services;
        this.metrics = metrics;
        this.gates = List.copyOf(gates);
    }

    /** One pass over every active tenant; never throws, so the schedule keeps going. */
    @Override
    public void run() {
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
