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
    private static final String COLUMNS =
            "id, status, job_id, attempts, note_marker, sdp_note_id, updated_at, posting_token, content_fingerprint";
    /** Advisory lock class of a ticket's note budget (the second key is the ticket's hash). */
    private static final int TICKET_NOTES_LOCK = 14_001;

    /**
     * The event's row, created as {@code received} for this job if it did not exist; attempts
     * counted. An existing row keeps its {@code updated_at}, the time of its last state change: for
     * a {@code posting} row, when that attempt began posting (the posting lease is measured from it).
     */
    public HistoryRow receive(Handle h, String ticketId, String eventKey, String jobId) {
        return receive(h, ticketId, eventKey, jobId, null);
    }

    /** As above, with the content fingerprint of the ticket when it is already known (update events). */
    public HistoryRow receive(Handle h, String ticketId, String eventKey, String jobId, String fingerprint) {
        return h.createQuery("INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status, attempts, "
                        + "content_fingerprint) VALUES (current_setting('app.current_tenant_id', true), :ticket, :eventKey, "
                        + ":job, 'received', 1, :fingerprint) "
                        + "ON CONFLICT (tenant_id, ticket_id, event_key) DO UPDATE "
                        + "SET attempts = enhancement_history.attempts + 1 "
                        + "RETURNING " + COLUMNS)
                .bind("ticket", ticketId).bind("eventKey", eventKey).bind("job", jobId).bind("fingerprint", fingerprint)
                .map((rs, ctx) -> row(rs)).one();
    }

    /**
     * Whether another event of the ticket already posted (or is posting) a note for exactly this
     * content: then an update event that carries it changes nothing (our own note moves SDP's
     * last_updated_time, not the fields that shape an enhancement).
     */
    public boolean contentAlreadyEnhanced(Handle h, String ticketId, String fingerprint, String eventKey) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM enhancement_history WHERE ticket_id = :ticket "
                        + "AND content_fingerprint = :fingerprint AND event_key <> :eventKey "
                        + "AND status IN ('posting', 'posted'))")
                .bind("ticket", ticketId).bind("fingerprint", fingerprint).bind("eventKey", eventKey)
                .mapTo(Boolean.class).one();
    }

    /**
     * The ticket's note budget: at most {@code limit} notes posted (or being posted) per
     * {@code window}. Serializes on the ticket (a transaction-scoped advisory lock, so two events of
     * one ticket cannot both take the last note) until the transaction ends: call it in the
     * transaction that starts posting. Empty when a note may be posted now, else how long until one may.
     */
    public Optional<java.time.Duration> noteBudgetWait(Handle h, String ticketId, long exceptRowId, int limit,
                                                        java.time.Duration window) {
        h.createQuery("SELECT pg_advisory_xact_lock(:lockClass, hashtext(current_setting('app.current_tenant_id', true) "
                        + "|| '/' || :ticket))::text")
                .bind("lockClass", TICKET_NOTES_LOCK).bind("ticket", ticketId).mapTo(String.class).one();
        java.util.List<Long> ageMillis = h.createQuery("SELECT (extract(epoch FROM (now() - updated_at)) * 1000)::bigint "
                        + "FROM enhancement_history WHERE ticket_id = :ticket AND id <> :id "
                        + "AND status IN ('posting', 'posted') AND updated_at > now() - make_interval(secs => :window) "
                        + "ORDER BY updated_at DESC")
                .bind("ticket", ticketId).bind("id", exceptRowId).bind("window", window.toMillis() / 1000.0)
                .mapTo(Long.class).list();
        if (ageMillis.size() < limit) {
            return Optional.empty();
        }
        // the note that frees a place is the limit-th newest: it leaves the window first among those that count
        long oldestCounted = ageMillis.get(limit - 1);
        return Optional.of(java.time.Duration.ofMillis(Math.max(1000, window.toMillis() - oldestCounted)));
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

    /** The MSP customer account of the ticket (null on the other editions): the row keeps it. */
    public void recordAccount(Handle h, long id, String account) {
        if (account != null) {
            h.createUpdate("UPDATE enhancement_history SET account = :account WHERE id = :id")
                    .bind("account", account).bind("id", id).execute();
        }
    }

    /** @param composedPromptSha256 the sha256 of the tenant's composed prompt the content was written with */
    public void synthesized(Handle h, long id, String synthesizer, String model, Integer promptTokens,
                            Integer completionTokens, String contentHash, String composedPromptSha256) {
        h.createUpdate("UPDATE enhancement_history SET status = 'synthesized', synthesizer = :synthesizer, model = :model, "
                        + "prompt_tokens = :prompt, completion_tokens = :completion, content_hash = :hash, "
                        + "composed_prompt_sha256 = :composed, error = NULL, "
                        + "updated_at = now() WHERE id = :id AND status NOT IN ('posting', 'posted')")
                .bind("synthesizer", synthesizer).bind("model", model).bind("prompt", promptTokens)
                .bind("completion", completionTokens).bind("hash", contentHash).bind("composed", composedPromptSha256)
                .bind("id", id).execute();
    }

    /** What {@link #startPosting} did. */
    public enum PostingStart {
        /** A newer claim of this job holds the posting: this (older) claim is fenced off. */
        FENCED,
        /** The row is {@code posting} by this attempt: it may post now. */
        STARTED,
        /** Another job of the same event posted or began posting: that job carries the event. */
        OTHER_JOB,
        /** Another attempt at this very job got there first (a worker that lost its lease). */
        SAME_JOB
    }

    /**
     * Records the intent to post (committed before the POST), by this job and claim (its claim
     * token, which starts the posting lease), with the note's marker and the ticket's fingerprint;
     * {@code seen} is the row as this attempt read it. Refused, with nothing written, when another
     * attempt posted or began posting since (two jobs of one event may run at once), or when a newer
     * claim holds the posting.
     */
    public PostingStart startPosting(Handle h, HistoryRow seen, String jobId, long claimToken, String marker,
                                     String contentHash, String fingerprint) {
        HistoryRow current = lock(h, seen.id()).orElseThrow();
        if (current.is(HistoryRow.POSTING) && current.postingToken() != null && current.postingToken() > claimToken) {
            return jobId.equals(current.jobId()) ? PostingStart.FENCED : PostingStart.OTHER_JOB;
        }
        if (!seen.mayStartPostingOver(current)) {
            return jobId.equals(current.jobId()) ? PostingStart.SAME_JOB : PostingStart.OTHER_JOB;
        }
        h.createUpdate("UPDATE enhancement_history SET status = 'posting', job_id = :job, posting_token = :token, "
                        + "note_marker = :marker, content_hash = :hash, "
                        + "content_fingerprint = coalesce(:fingerprint, content_fingerprint), updated_at = now() WHERE id = :id")
                .bind("job", jobId).bind("token", claimToken).bind("marker", marker).bind("hash", contentHash)
                .bind("fingerprint", fingerprint).bind("id", seen.id()).execute();
        return PostingStart.STARTED;
    }

    /** Keeps the note's text as it is being posted (people read it in the console; SDP has the original). */
    public void keepNote(Handle h, long id, String note) {
        h.createUpdate("UPDATE enhancement_history SET note_text = :note WHERE id = :id")
                .bind("note", note).bind("id", id).execute();
    }

    /**
     * Whether this claim still holds the row's posting, with at least {@code margin} of its lease
     * left (by the database's clock): checked right before the POST.
     */
    public boolean holdsPosting(Handle h, long id, long claimToken, java.time.Duration lease, java.time.Duration margin) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM enhancement_history WHERE id = :id AND status = 'posting' "
                        + "AND posting_token = :token AND updated_at + make_interval(secs => :lease) > now() "
                        + "+ make_interval(secs => :margin))")
                .bind("id", id).bind("token", claimToken).bind("lease", lease.toMillis() / 1000.0)
                .bind("margin", margin.toMillis() / 1000.0).mapTo(Boolean.class).one();
    }

    /**
     * Gives up a posting this claim holds but has not sent (its queue lease was lost, too little
     * posting lease was left, a call before the POST failed): the next attempt need not wait for
     * the posting lease to run out. Nothing changes if another claim holds it.
     */
    public void abandonPosting(Handle h, long id, long claimToken) {
        h.createUpdate("UPDATE enhancement_history SET status = 'synthesized', posting_token = NULL, updated_at = now() "
                        + "WHERE id = :id AND status = 'posting' AND posting_token = :token")
                .bind("id", id).bind("token", claimToken).execute();
    }

    /**
     * Records the posted note, fenced: only by the claim that holds the posting. False (nothing
     * written) when another claim took it over meanwhile, i.e. this claim's lease ran out.
     */
    public boolean postedByClaim(Handle h, long id, long claimToken, String noteId, Integer durationMs) {
        return h.createUpdate("UPDATE enhancement_history SET status = 'posted', sdp_note_id = :note, "
                        + "duration_ms = coalesce(:duration, duration_ms), error = NULL, updated_at = now() "
                        + "WHERE id = :id AND status = 'posting' AND posting_token = :token")
                .bind("note", noteId).bind("duration", durationMs).bind("id", id).bind("token", claimToken).execute() == 1;
    }

    /** Records a note found in SDP by its marker (a fact, whoever posted it). */
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
        long token = rs.getLong("posting_token");
        Long postingToken = rs.wasNull() ? null : token;
        return new HistoryRow(rs.getLong("id"), rs.getString("status"), rs.getString("job_id"), rs.getInt("attempts"),
                rs.getString("note_marker"), rs.getString("sdp_note_id"),
                updated == null ? Instant.EPOCH : updated.toInstant(), postingToken,
                rs.getString("content_fingerprint"));
    }
}
