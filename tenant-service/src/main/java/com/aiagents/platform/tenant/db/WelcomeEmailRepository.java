package com.aiagents.platform.tenant.db;

import com.aiagents.platform.api.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code welcome_emails} (V18), always inside the tenant's context (RLS): one row per welcome mail
 * issued, keyed by the SHA-256 of its reveal link's token. The token itself is never stored.
 */
public final class WelcomeEmailRepository {

    /** A row as stored; {@code delivery}: pending, sent, failed or disabled. */
    public record StoredWelcomeEmail(String tenantId, String tokenSha256, String recipient, String requestedBy,
                                     Instant createdAt, Instant expiresAt, Instant revealedAt, Instant supersededAt,
                                     String delivery, int attempts, String deliveryError, Instant deliveredAt) {
    }

    private static final String COLUMNS = "tenant_id, token_sha256, recipient, requested_by, created_at, expires_at, "
            + "revealed_at, superseded_at, delivery, attempts, delivery_error, delivered_at";

    /** Marks every earlier link of the tenant superseded, then stores the new one. */
    public void issue(Handle handle, TenantId tenantId, String tokenSha256, String recipient, String requestedBy,
                      Instant expiresAt, String delivery) {
        handle.createUpdate("UPDATE welcome_emails SET superseded_at = now() WHERE tenant_id = :id AND superseded_at IS NULL")
                .bind("id", tenantId.value())
                .execute();
        handle.createUpdate("INSERT INTO welcome_emails (tenant_id, token_sha256, recipient, requested_by, expires_at, "
                        + "delivery) VALUES (:id, :hash, :recipient, :by, :expires, :delivery)")
                .bind("id", tenantId.value()).bind("hash", tokenSha256).bind("recipient", recipient)
                .bind("by", requestedBy).bind("expires", Timestamp.from(expiresAt)).bind("delivery", delivery)
                .execute();
    }

    /** The tenant's latest welcome mail. */
    public Optional<StoredWelcomeEmail> latest(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM welcome_emails WHERE tenant_id = :id "
                        + "ORDER BY created_at DESC, superseded_at IS NULL DESC LIMIT 1")
                .bind("id", tenantId.value())
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    public Optional<StoredWelcomeEmail> find(Handle handle, String tokenSha256) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM welcome_emails WHERE token_sha256 = :hash")
                .bind("hash", tokenSha256)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /**
     * Uses the link: true only for the one caller that finds it unused, current and unexpired (the
     * row lock makes two simultaneous presses one success and one refusal).
     */
    public boolean redeem(Handle handle, String tokenSha256) {
        return handle.createUpdate("UPDATE welcome_emails SET revealed_at = now() WHERE token_sha256 = :hash "
                        + "AND revealed_at IS NULL AND superseded_at IS NULL AND expires_at > now()")
                .bind("hash", tokenSha256)
                .execute() == 1;
    }

    /** The delivery's outcome so far ({@code error}: null unless it failed). */
    public void recordDelivery(Handle handle, String tokenSha256, String delivery, int attempts, String error) {
        handle.createUpdate("UPDATE welcome_emails SET delivery = :delivery, attempts = :attempts, "
                        + "delivery_error = :error, delivered_at = CASE WHEN :delivery = 'sent' THEN now() END "
                        + "WHERE token_sha256 = :hash")
                .bind("delivery", delivery).bind("attempts", attempts).bind("error", error).bind("hash", tokenSha256)
                .execute();
    }

    private static StoredWelcomeEmail map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredWelcomeEmail(rs.getString("tenant_id"), rs.getString("token_sha256"), rs.getString("recipient"),
                rs.getString("requested_by"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "revealed_at"), instant(rs, "superseded_at"), rs.getString("delivery"),
                rs.getInt("attempts"), rs.getString("delivery_error"), instant(rs, "delivered_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
