package com.aiagents.platform.gates.api;

import com.aiagents.platform.gates.core.GateResult;
import com.aiagents.platform.gates.core.GateRun;
import com.aiagents.platform.gates.core.ValidationReport;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A run as the API shows it (docs/api/gates-runner.md), with the printed report. */
public record GateRunView(
        @JsonProperty("run_id") String runId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("passed") boolean passed,
        @JsonProperty("approved") boolean approved,
        @JsonProperty("gates") List<GateResult> gates,
        @JsonProperty("report") String report) {

    public static GateRunView of(GateRun run) {
        return new GateRunView(run.runId(), run.tenantId().value(), run.passed(), run.approved(), run.results(),
                ValidationReport.render(run));
    }
}
