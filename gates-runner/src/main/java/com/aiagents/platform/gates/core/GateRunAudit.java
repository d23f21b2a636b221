package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded gate run's two audit entries (docs/api/internal.md): {@code gates.gate_run_requested}
 * before it starts, {@code gates.gate_run_finished} with each gate's result after it ends. The same
 * for the HTTP API and the {@code validate} command.
 */
public final class GateRunAudit {
    private GateRunAudit() {
    }

    public static AuditEntry requested(TenantId tenant, List<Integer> gates) {
        return AuditEntry.of("gates.gate_run_requested", tenant).with("gates", gates);
    }

    /** The result, for the same person and with the same details as {@code requested}. */
    public static AuditEntry finished(AuditEntry requested, GateRun run) {
        Map<String, String> results = new LinkedHashMap<>();
        for (GateResult result : run.results()) {
            results.put(Integer.toString(result.gate()), result.passed() ? "pass" : "fail");
        }
        return new AuditEntry("gates.gate_run_finished", requested.tenantId(), requested.actingFor(), requested.details())
                .with("run_id", run.runId()).with("passed", run.passed()).with("approved", run.approved())
                .with("results", results);
    }
}
