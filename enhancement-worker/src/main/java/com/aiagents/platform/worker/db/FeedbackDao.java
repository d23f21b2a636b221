package com.aiagents.platform.worker.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code enhancement_feedback}: the latest vote per enhancement. Runs inside
 * {@code TenantDatabase.inTenant}: the enhancement is looked up under RLS, so a vote can only land on
 * one of the tenant's own enhancements.
 */
public final class FeedbackDao {
    /** What storing one click did. */
    public enum Stored {
        /** the enhancement's first vote */
        NEW,
        /** a newer click with the other vote replaced the stored one */
        CHANGED,
        /** the same vote again, or an older click than the stored one: nothing changed */
        UNCHANGED,
        /** no such enhancement for this tenant (purged since the note was posted): nothing stored */
        NO_ENHANCEMENT
    }

    public Stored record(Handle h, long enhancementId, String vote, String voteId, Instant votedAt) {
        Optional<Boolean> inserted = h.createQuery("INSERT INTO enhancement_feedback "
                        + "(tenant_id, enhancement_id, vote, vote_id, voted_at) "
                        + "SELECT e.tenant_id, e.id, :vote, :voteId, :votedAt FROM enhancement_history e WHERE e.id = :id "
                        + "ON CONFLICT (tenant_id, enhancement_id) DO UPDATE SET vote = EXCLUDED.vote, "
                        + "vote_id = EXCLUDED.vote_id, voted_at = EXCLUDED.voted_at, "
                        + "changes = enhancement_feedback.changes + 1, updated_at = now() "
                        + "WHERE enhancement_feedback.voted_at < EXCLUDED.voted_at "
                        + "AND enhancement_feedback.vote <> EXCLUDED.vote "
                        // xmax is 0 on a freshly inserted row version, the updater's id on an updated one
                        + "RETURNING (xmax = 0)")
                .bind("id", enhancementId).bind("vote", vote).bind("voteId", voteId)
                .bind("votedAt", Timestamp.from(votedAt))
                .mapTo(Boolean.class).findOne();
        if (inserted.isPresent()) {
            return inserted.get() ? Stored.NEW : Stored.CHANGED;
        }
        boolean exists = h.createQuery("SELECT EXISTS (SELECT 1 FROM enhancement_history WHERE id = :id)")
                .bind("id", enhancementId).mapTo(Boolean.class).one();
        return exists ? Stored.UNCHANGED : Stored.NO_ENHANCEMENT;
    }

    /** The stored vote of an enhancement, if any. */
    public Optional<String> vote(Handle h, long enhancementId) {
        return h.createQuery("SELECT vote FROM enhancement_feedback WHERE enhancement_id = :id")
                .bind("id", enhancementId).mapTo(String.class).findOne();
    }
}
