package com.aiagents.platform.gates.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's latest recorded gate run in brief, for the operator console's fleet page
 * (docs/api/gates-runner.md): which gates ran, which failed, when; the full run is
 * {@code GET /v1/gate-runs/{run_id}}.
 */
public record LatestGateRun(
        @JsonProperty("run_id") String runId,
        @JsonProperty("passed") boolean passed,
        @JsonProperty("approved") boolean approved,
        @JsonProperty("gates") List<Integer> gates,
        @JsonProperty("failed_gates") List<Integer> failedGates,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt) {

    /** One tenant's entry: its latest run, or null when none was ever recorded. */
    public record ForTenant(@JsonProperty("tenant_id") String tenantId, @JsonProperty("latest") LatestGateRun latest) {
    }
}
