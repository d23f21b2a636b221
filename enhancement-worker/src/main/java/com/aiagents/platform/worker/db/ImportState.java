package com.aiagents.platform.worker.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Progress of a tenant's ticket-history import (the cursor is SDP's list start index). */
public record ImportState(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("status") String status,
        @JsonProperty("next_start_index") int nextStartIndex,
        @JsonProperty("pages") int pages,
        @JsonProperty("imported") int imported,
        @JsonProperty("skipped") int skipped,
        @JsonProperty("error") String error,
        @JsonProperty("started_by") String startedBy,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("finished_at") Instant finishedAt) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
