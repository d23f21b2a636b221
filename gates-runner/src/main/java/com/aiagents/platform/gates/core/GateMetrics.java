package com.aiagents.platform.gates.core;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;

/** {@code gate_runs_total{gate,result}} (docs/observability.md) and the scheduled re-run's failures. */
public final class GateMetrics {
    private final Counter runs;
    private final Counter revalidationFailures;

    public GateMetrics(CollectorRegistry registry) {
        runs = Counter.build("gate_runs_total", "Gates run, by gate number and result (pass or fail).")
                .labelNames("gate", "result")
                .register(registry);
        revalidationFailures = Counter.build("gate_revalidation_failures_total",
                        "Gates that failed when re-run on a schedule for an active tenant.")
                .labelNames("tenant_id", "gate")
                .register(registry);
    }

    void gateRan(GateResult result) {
        runs.labels(String.valueOf(result.gate()), result.passed() ? "pass" : "fail").inc();
    }

    void revalidationFailed(String tenantId, int gate) {
        revalidationFailures.labels(tenantId, String.valueOf(gate)).inc();
    }

    public double runs(int gate, String result) {
        return runs.labels(String.valueOf(gate), result).get();
    }

    public double revalidationFailures(String tenantId, int gate) {
        return revalidationFailures.labels(tenantId, String.valueOf(gate)).get();
    }
}
