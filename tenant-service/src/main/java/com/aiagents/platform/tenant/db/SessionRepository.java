package com.aiagents.platform.tenant.db;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@code user_sessions} (V19): one row per access token issued, and when it was revoked. Not
 * tenant data (ids and times), so not under row-level security: the revoked-sessions feed lists
 * all of them. Times are the database's, so replicas' clocks do not matter.
 */
public final class SessionRepository {
    /** A revoked session, as the feed lists it. */
    public record Revoked(UUID sid, Instant revokedAt) {
    }

    public void open(Handle handle, UUID sid, UUID userId, Instant expiresAt) {
        handle.createUpdate("INSERT INTO user_sessions (sid, user_id, expires_at) VALUES (:sid, :user, :expires)")
                .bind("sid", sid).bind("user", userId).bind("expires", Timestamp.from(expiresAt))
                .execute();
    }

    /** True while the session is neither revoked nor expired. */
    public boolean live(Handle handle, UUID sid) {
        return handle.createQuery("SELECT count(*) FROM user_sessions WHERE sid = :sid AND revoked_at IS NULL "
                        + "AND expires_at > now()")
                .bind("sid", sid)
                .mapTo(Integer.class)
                .one() == 1;
    }

    /** @return whether the session was live and is now revoked */
    public boolean revoke(Handle handle, UUID sid) {
        return handle.createUpdate("UPDATE user_sessions SET revoked_at = clock_timestamp() "
                        + "WHERE sid = :sid AND revoked_at IS NULL")
                .bind("sid", sid)
                .execute() == 1;
    }

    /** Revokes every live session of the user; @return how many */
    public int revokeAll(Handle handle, UUID userId) {
        return handle.createUpdate("UPDATE user_sessions SET revoked_at = clock_timestamp() "
                        + "WHERE user_id = :user AND revoked_at IS NULL AND expires_at > now()")
                .bind("user", userId)
                .execute();
    }

    /**
     * Revokes every live session of the tenant's users (a suspended or offboarded tenant); run in the
     * tenant's context, where {@code users} shows that tenant's rows. @return how many
     */
    public int revokeAllOfTenant(Handle handle, String tenantId) {
        return handle.createUpdate("UPDATE user_sessions SET revoked_at = clock_timestamp() "
                        + "WHERE revoked_at IS NULL AND expires_at > now() "
                        + "AND user_id IN (SELECT id FROM users WHERE tenant_id = :tenant)")
                .bind("tenant", tenantId)
                .execute();
    }

    /** Sessions revoked after {@code since}, oldest first, at most {@code limit}. */
    public List<Revoked> revokedSince(Handle handle, Instant since, int limit) {
        return handle.createQuery("SELECT sid, revoked_at FROM user_sessions WHERE revoked_at > :since "
                        + "ORDER BY revoked_at, sid LIMIT :limit")
                .bind("since", Timestamp.from(since))
                .bind("limit", limit)
                .map((rs, ctx) -> new Revoked(rs.getObject("sid", UUID.class), rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** The database's clock: what the feed's {@code as_of} is measured on. */
    public Instant now(Handle handle) {
        return handle.createQuery("SELECT clock_timestamp()").mapTo(Timestamp.class).one().toInstant();
    }

    /**
     * Forgets sessions whose tokens expired longer than {@code retention} ago (a revoked one's token
     * is then refused for its expiry anyway), a bounded batch at a time. Safe on every replica at
     * once: the same rows, deleted at most once.
     */
    public int forgetExpired(Handle handle, Duration retention) {
        return handle.createUpdate("DELETE FROM user_sessions WHERE sid IN (SELECT sid FROM user_sessions "
                        + "WHERE expires_at < now() - make_interval(secs => :seconds) LIMIT 1000)")
                .bind("seconds", (double) retention.toSeconds())
                .execute();
    }
}
