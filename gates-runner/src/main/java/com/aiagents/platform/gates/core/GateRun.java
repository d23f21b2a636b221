package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import java.util.List;

/** A finished run of one or more gates for a tenant. */
public record GateRun(String runId, TenantId tenantId, List<GateResult> results) {
    public GateRun {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(GateResult::passed);
    }

    /** All four gates ran and passed: what activation requires. */
    public boolean approved() {
        return results.size() == 4 && passed();
    }

    public long passedCount() {
        return results.stream().filter(GateResult::passed).count();
    }
}
