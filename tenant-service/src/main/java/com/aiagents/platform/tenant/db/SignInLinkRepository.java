package com.aiagents.platform.tenant.db;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@code sign_in_links} (V27): one-time sign-in codes, kept as their SHA-256. Not tenant data, so not
 * under row-level security (like {@code user_sessions}). Times are the database's.
 */
public final class SignInLinkRepository {
    /** Whom an unused, unexpired code signs in. */
    public record Redeemed(UUID userId, String email) {
    }

    public void insert(Handle handle, String codeSha256, UUID userId, String email, String createdBy, Duration ttl) {
        handle.createUpdate("INSERT INTO sign_in_links (code_sha256, user_id, email, created_by, expires_at) "
                        + "VALUES (:code, :user, :email, :by, now() + make_interval(secs => :ttl))")
                .bind("code", codeSha256).bind("user", userId).bind("email", email).bind("by", createdBy)
                .bind("ttl", ttl.toMillis() / 1000.0)
                .execute();
    }

    /** Marks the code used, once: empty when it is unknown, used already or expired. */
    public Optional<Redeemed> redeem(Handle handle, String codeSha256) {
        return handle.createQuery("UPDATE sign_in_links SET used_at = clock_timestamp() "
                        + "WHERE code_sha256 = :code AND used_at IS NULL AND expires_at > clock_timestamp() "
                        + "RETURNING user_id, email")
                .bind("code", codeSha256)
                .map((rs, ctx) -> new Redeemed(rs.getObject("user_id", UUID.class), rs.getString("email")))
                .findOne();
    }

    /** Deletes codes expired for longer than {@code after}. */
    public void forgetExpired(Handle handle, Duration after) {
        handle.createUpdate("DELETE FROM sign_in_links WHERE expires_at < now() - make_interval(secs => :after)")
                .bind("after", (double) after.toSeconds())
                .execute();
    }
}
