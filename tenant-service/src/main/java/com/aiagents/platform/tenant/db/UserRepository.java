package com.aiagents.platform.tenant.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code users} table (V19). A tenant user's row is reachable only in its tenant's context
 * ({@code TenantDatabase.inTenant}); a staff account only outside any tenant context after
 * {@link #enterStaffScope} in the same transaction (the {@code staff_accounts} policy). Sign-in finds
 * an account by e-mail before it knows the tenant, through the narrow definer function
 * {@code user_sign_in_record}. No query here returns a password hash except {@link #signInRecord}.
 */
public final class UserRepository {
    private static final String COLUMNS = "id, email, role, tenant_id, created_at, disabled_at IS NOT NULL AS disabled";

    /** What sign-in needs of one account. */
    public record SignInRecord(UUID id, String email, String role, String tenantId, String passwordHash,
                               boolean disabled, String tenantStatus) {
        @Override
        public String toString() {
            return "SignInRecord[id=" + id + ", role=" + role + ", tenantId=" + tenantId + "]";
        }
    }

    /** Staff accounts become visible (and writable) in this transaction; tenant rows stay as the context says. */
    public void enterStaffScope(Handle handle) {
        handle.createQuery("SELECT set_config('app.staff_scope', 'on', true)").mapTo(String.class).one();
    }

    public Optional<SignInRecord> signInRecord(Handle handle, String email) {
        return handle.createQuery("SELECT id, email, role, tenant_id, password_hash, disabled, tenant_status "
                        + "FROM user_sign_in_record(:email)")
                .bind("email", email)
                .map((rs, ctx) -> new SignInRecord(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("role"), rs.getString("tenant_id"), rs.getString("password_hash"),
                        rs.getBoolean("disabled"), rs.getString("tenant_status")))
                .findOne();
    }

    /** @return false when the address is taken by a live account (any case, any tenant) */
    public boolean insert(Handle handle, UUID id, String email, String role, String tenantId, String passwordHash,
                          String createdBy) {
        return handle.createUpdate("INSERT INTO users (id, email, role, tenant_id, password_hash, created_by) "
                        + "VALUES (:id, :email, :role, :tenant, :hash, :by) ON CONFLICT DO NOTHING")
                .bind("id", id).bind("email", email).bind("role", role).bind("tenant", tenantId)
                .bind("hash", passwordHash).bind("by", createdBy)
                .execute() == 1;
    }

    /** Live users visible in this transaction: one tenant's in its context, staff in the staff scope. */
    public List<StoredUser> list(Handle handle) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE deleted_at IS NULL ORDER BY created_at, id")
                .map(UserRepository::map)
                .list();
    }

    public Optional<StoredUser> find(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .map(UserRepository::map)
                .findOne();
    }

    /** Marks the user deleted and forgets its password hash; the row stays for the audit trail's ids. */
    public boolean markDeleted(Handle handle, UUID id) {
        return handle.createUpdate("UPDATE users SET deleted_at = now(), password_hash = '' "
                        + "WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .execute() == 1;
    }

    /** Sets or clears {@code disabled_at}; @return false when it already was so (or there is no such live user) */
    public boolean setDisabled(Handle handle, UUID id, boolean disabled) {
        return handle.createUpdate("UPDATE users SET disabled_at = " + (disabled ? "now()" : "NULL")
                        + " WHERE id = :id AND deleted_at IS NULL AND (disabled_at IS NULL) = :disabled")
                .bind("id", id)
                .bind("disabled", disabled)
                .execute() == 1;
    }

    /** The tenant's status, read in its own context; empty when there is no such tenant. */
    public Optional<String> tenantStatus(Handle handle, String tenantId) {
        return handle.createQuery("SELECT status FROM tenant_configs WHERE tenant_id = :id")
                .bind("id", tenantId)
                .mapTo(String.class)
                .findOne();
    }

    private static StoredUser map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredUser(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("role"),
                rs.getString("tenant_id"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("disabled"));
    }
}
