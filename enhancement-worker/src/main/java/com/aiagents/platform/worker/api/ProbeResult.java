package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The determinism probe's answer (docs/api/internal.md). */
public record ProbeResult(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("identical") boolean identical,
        @JsonProperty("first_differing_stage") @JsonInclude(JsonInclude.Include.ALWAYS) String firstDifferingStage,
        @JsonProperty("runs") List<Run> runs) {

    /** One run: the hash over all stages and each stage's hash. */
    public record Run(@JsonProperty("hash") String hash, @JsonProperty("stages") Map<String, String> stages) {
    }
}
