package com.aiagents.platform.worker.db;

import java.time.Instant;

/** One ticket event's row in {@code enhancement_history}. */
public record HistoryRow(long id, String status, String jobId, int attempts, String noteMarker, String sdpNoteId,
                         Instant updatedAt) {
    public static final String RECEIVED = "received";
    public static final String CONTEXT_GATHERED = "context_gathered";
    public static final String SYNTHESIZED = "synthesized";
    public static final String POSTING = "posting";
    public static final String POSTED = "posted";
    public static final String FAILED = "failed";

    public boolean is(String state) {
        return state.equals(status);
    }
}
