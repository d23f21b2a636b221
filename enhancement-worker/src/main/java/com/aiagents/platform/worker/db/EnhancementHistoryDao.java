package com.aiagents.platform.worker.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code enhancement_history}: one row per (tenant, ticket, event_key), moved through
 * received, context_gathered, synthesized, posting, posted (or failed). Runs inside
 * {@code TenantDatabase.inTenant}: RLS scopes every statement to the tenant.
 */
public final class EnhancementHistoryDao {
    private static final String COLUMNS = "id, status, job_id, attempts, note_marker, sdp_note_id, updated_at";

    /**
     * The event's row, created as {@code received} for this job if it did not exist; attempts
     * counted. An existing row keeps its {@code updated_at}, the time of its last state change: for
     * a {@code posting} row, when that attempt began posting (the posting lease is measured from it).
     */
    public HistoryRow receive(Handle h, String ticketId, String eventKey, String jobId) {
        return h.createQuery("INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status, attempts) "
                        + "VALUES (current_setting('app.current_tenant_id', true), :ticket, :eventKey, :job, 'received', 1) "
                        + "ON CONFLICT (tenant_id, ticket_id, event_key) DO UPDATE "
                        + "SET attempts = enhancement_history.attempts + 1 "
                        + "RETURNING " + COLUMNS)
                .bind("ticket", ticketId).bind("eventKey", eventKey).bind("job", jobId)
                .map((rs, ctx) -> row(rs)).one();
    }

    /** The row, locked until the transaction ends (so two attempts at one event serialize on it). */
    private Optional<HistoryRow> lock(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM enhancement_history WHERE id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    public void advance(Handle h, long id, String status) {
        h.createUpdate("UPDATE enhancement_history SET status = :status, error = NULL, updated_at = now() "
                        + "WHERE id = :id AND status NOT IN ('posting', 'posted')")
                .bind("status", status).bind("id", id).execute();
    }

    public void synthesized(Handle h, long id, String synthesizer, String model, Integer promptTokens,
                            Integer completionTokens, String contentHash) {
        h.createUpdate("UPDATE enhancement_history SET status = 'synthesized', synthesizer = :synthesizer, model = :model, "
                        + "prompt_tokens = :prompt, completion_tokens = :completion, content_hash = :hash, error = NULL, "
                        + "updated_at = now() WHERE id = :id AND status NOT IN ('posting', 'posted')")
                .bind("synthesizer", synthesizer).bind("model", model).bind("prompt", promptTokens)
                .bind("completion", completionTokens).bind("hash", contentHash).bind("id", id).execute();
    }

    /** What {@link #startPosting} did. */
    public enum PostingStart {
        /** The row is {@code posting} by this attempt: it may post now. */
        STARTED,
        /** Another job of the same event posted or began posting: that job carries the event. */
        OTHER_JOB,
        /** Another attempt at this very job got there first (a worker that lost its lease). */
        SAME_JOB
    }

    /**
     * Records the intent to post (committed before the POST), by this job, with the note's marker;
     * {@code seen} is the row as this attempt read it. Refused, with nothing written, when another
     * attempt posted or began posting since: two jobs of one event may run at once.
     */
    public PostingStart startPosting(Handle h, HistoryRow seen, String jobId, String marker, String contentHash) {
        HistoryRow current = lock(h, seen.id()).orElseThrow();
        if (!seen.mayStartPostingOver(current)) {
            return jobId.equals(current.jobId()) ? PostingStart.SAME_JOB : PostingStart.OTHER_JOB;
        }
        h.createUpdate("UPDATE enhancement_history SET status = 'posting', job_id = :job, note_marker = :marker, "
                        + "content_hash = :hash, updated_at = now() WHERE id = :id")
                .bind("job", jobId).bind("marker", marker).bind("hash", contentHash).bind("id", seen.id()).execute();
        return PostingStart.STARTED;
    }

    public void posted(Handle h, long id, String noteId, Integer durationMs) {
        h.createUpdate("UPDATE enhancement_history SET status = 'posted', sdp_note_id = :note, "
                        + "duration_ms = coalesce(:duration, duration_ms), error = NULL, updated_at = now() WHERE id = :id")
                .bind("note", noteId).bind("duration", durationMs).bind("id", id).execute();
    }

    /**
     * A failed attempt: the error is kept; the row becomes {@code failed} only when the job is dead.
     * Otherwise the state and its {@code updated_at} stay: a retrying job must not make another
     * job's {@code posting} row look fresh, nor change it under an attempt about to take it over.
     */
    public void failedAttempt(Handle h, long id, String error, boolean dead) {
        h.createUpdate("UPDATE enhancement_history SET error = :error"
                        + (dead ? ", status = 'failed', updated_at = now()" : "") + " WHERE id = :id AND status <> 'posted'"
                        + (dead ? " AND status <> 'posting'" : ""))
                .bind("error", error).bind("id", id).execute();
    }

    private static HistoryRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp updated = rs.getTimestamp("updated_at");
        return new HistoryRow(rs.getLong("id"), rs.getString("status"), rs.getString("job_id"), rs.getInt("attempts"),
                rs.getString("note_marker"), rs.getString("sdp_note_id"),
                updated == null ? Instant.EPOCH : updated.toInstant());
    }
}
