package com.aiagents.platform.tenant.db;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What signing in with OpenID Connect keeps on a {@code users} row (V24): the provider identity
 * ({@code oidc_issuer}, {@code oidc_subject}) of an account, its role changes, and the accounts it
 * creates (without a password). Like {@link UserRepository}, each call sees only what the
 * transaction's scope shows: a tenant's users in its context, staff accounts in the staff scope.
 */
public final class OidcAccounts {

    /** The provider identity linked to a live account, if any. */
    public record Linked(String issuer, String subject) {
    }

    public Optional<Linked> linked(Handle handle, UUID userId) {
        return handle.createQuery("SELECT oidc_issuer, oidc_subject FROM users WHERE id = :id AND deleted_at IS NULL")
                .bind("id", userId)
                .map((rs, ctx) -> rs.getString("oidc_subject") == null ? null
                        : new Linked(rs.getString("oidc_issuer"), rs.getString("oidc_subject")))
                .findOne();
    }

    /** Whether an account of this provider identity was deleted in this scope (it stays out). */
    public boolean deletedHere(Handle handle, String issuer, String subject) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE oidc_issuer = :issuer "
                        + "AND oidc_subject = :subject AND deleted_at IS NOT NULL)")
                .bind("issuer", issuer).bind("subject", subject)
                .mapTo(Boolean.class)
                .one();
    }

    /** Links the account to the provider identity and sets its role; false when the row is not in this scope. */
    public boolean link(Handle handle, UUID userId, String issuer, String subject, String role) {
        return handle.createUpdate("UPDATE users SET oidc_issuer = :issuer, oidc_subject = :subject, role = :role "
                        + "WHERE id = :id AND deleted_at IS NULL")
                .bind("id", userId).bind("issuer", issuer).bind("subject", subject).bind("role", role)
                .execute() == 1;
    }

    /** A new account signed in through the provider: no password. False when the address or identity is taken. */
    public boolean insert(Handle handle, UUID id, String email, String role, String tenantId, String issuer,
                          String subject, String createdBy) {
        return handle.createUpdate("INSERT INTO users (id, email, role, tenant_id, password_hash, oidc_issuer, "
                        + "oidc_subject, created_by) VALUES (:id, :email, :role, :tenant, NULL, :issuer, :subject, :by) "
                        + "ON CONFLICT DO NOTHING")
                .bind("id", id).bind("email", email).bind("role", role).bind("tenant", tenantId)
                .bind("issuer", issuer).bind("subject", subject).bind("by", createdBy)
                .execute() == 1;
    }

    /**
     * Retires an account whose person the mapping moved to another tenant (or between staff and a
     * tenant): marked deleted, password and provider identity forgotten, so the identity may live on
     * in its new place (and is not taken for a deleted one there).
     */
    public boolean retire(Handle handle, UUID userId) {
        return handle.createUpdate("UPDATE users SET deleted_at = now(), password_hash = NULL, oidc_issuer = NULL, "
                        + "oidc_subject = NULL WHERE id = :id AND deleted_at IS NULL")
                .bind("id", userId)
                .execute() == 1;
    }
}
