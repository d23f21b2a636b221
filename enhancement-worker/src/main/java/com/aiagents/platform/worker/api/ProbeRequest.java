package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /internal/v1/determinism-probe}: {@code {"tenant_id", "runs": 3, "seed": 42}}. */
public record ProbeRequest(
        @JsonProperty("tenant_id") @NotBlank String tenantId,
        @JsonProperty("runs") @Min(1) @Max(20) Integer runs,
        @JsonProperty("seed") Long seed) {

    public int runsOrDefault() {
        return runs == null ? 3 : runs;
    }

    public long seedOrDefault() {
        return seed == null ? 42L : seed;
    }
}
