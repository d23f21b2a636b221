package com.aiagents.platform.gates.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** One gate's outcome within a run, as stored in {@code gate_runs} and shown by the API. */
public record GateResult(
        @JsonProperty("gate") int gate,
        @JsonProperty("name") String name,
        @JsonProperty("passed") boolean passed,
        @JsonProperty("summary") String summary,
        @JsonProperty("details") Map<String, Object> details,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt) {
}
