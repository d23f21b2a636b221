package com.aiagents.platform.worker.db;

import java.time.Instant;
import java.util.Objects;

/**
 * One ticket event's row in {@code enhancement_history}. {@code postingToken} is the claim token of
 * the queue claim that holds (or last held) the posting; {@code fingerprint} the content
 * fingerprint of the ticket as it was enhanced.
 */
public record HistoryRow(long id, String status, String jobId, int attempts, String noteMarker, String sdpNoteId,
                         Instant updatedAt, Long postingToken, String fingerprint) {
    public static final String RECEIVED = "received";
    public static final String CONTEXT_GATHERED = "context_gathered";
    public static final String SYNTHESIZED = "synthesized";
    public static final String POSTING = "posting";
    public static final String POSTED = "posted";
    public static final String FAILED = "failed";

    public boolean is(String state) {
        return state.equals(status);
    }

    /**
     * Whether the attempt that read this row may begin posting now that the row is {@code current}:
     * nothing is posted, and no other attempt began posting since (a row that was already
     * {@code posting} when read, and whose marker this attempt looked for in SDP, must be unchanged).
     */
    public boolean mayStartPostingOver(HistoryRow current) {
        if (current.is(POSTED)) {
            return false;
        }
        if (!current.is(POSTING)) {
            return true;
        }
        return is(POSTING) && Objects.equals(jobId, current.jobId) && Objects.equals(postingToken, current.postingToken)
                && updatedAt.equals(current.updatedAt);
    }
}
