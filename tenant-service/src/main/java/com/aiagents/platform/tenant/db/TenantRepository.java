package com.aiagents.platform.tenant.db;

import com.aiagents.platform.api.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for {@code tenant_configs}. Every method takes the {@link Handle} of a transaction opened by
 * {@code TenantDatabase.inTenant}, so row-level security scopes it to that tenant, except
 * {@link #list}, which goes through the registry's SECURITY DEFINER function.
 */
public final class TenantRepository {
    private static final String COLUMNS = "tenant_id, name, tier, status, admin_contact_email, servicedesk_url, "
            + "servicedesk_edition, servicedesk_credentials_enc, webhook_auth_mode, webhook_secret_enc, "
            + "previous_webhook_secret_enc, previous_secret_expires_at, enhancement_preferences::text AS prefs, "
            + "rate_limits::text AS limits, created_at, updated_at, "
            + "servicedesk_private_networks::text[] AS private_networks, servicedesk_msp::text AS msp, context_scope";

    public void insert(Handle handle, StoredTenant t) {
        handle.createUpdate("INSERT INTO tenant_configs (tenant_id, name, tier, status, admin_contact_email, "
                        + "servicedesk_url, servicedesk_edition, servicedesk_credentials_enc, webhook_auth_mode, "
                        + "webhook_secret_enc, enhancement_preferences, rate_limits, servicedesk_private_networks, "
                        + "servicedesk_msp, context_scope) "
                        + "VALUES (:id, :name, :tier, :status, :email, :url, :edition, :creds, :mode, :secret, "
                        + "CAST(:prefs AS jsonb), CAST(:limits AS jsonb), CAST(:nets AS cidr[]), CAST(:msp AS jsonb), "
                        + ":scope)")
                .bind("id", t.tenantId()).bind("name", t.name()).bind("tier", t.tier()).bind("status", t.status())
                .bind("email", t.adminContactEmail()).bind("url", t.servicedeskUrl())
                .bind("edition", t.servicedeskEdition()).bind("creds", t.credentialsCiphertext())
                .bind("mode", t.webhookAuthMode()).bind("secret", t.webhookSecretCiphertext())
                .bind("prefs", t.enhancementPreferencesJson()).bind("limits", t.rateLimitsJson())
                .bindArray("nets", String.class, networks(t))
                .bind("msp", t.servicedeskMspJson()).bind("scope", t.contextScope())
                .execute();
    }

    public Optional<StoredTenant> find(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tenant_configs WHERE tenant_id = :id")
                .bind("id", tenantId.value())
                .map(TenantRepository::map)
                .findOne();
    }

    /** Locks the row for the rest of the transaction so concurrent changes serialize. */
    /** Records the onboarding that created the tenant (its create is idempotent on it). */
    public void setCreatedByOnboarding(Handle handle, TenantId tenantId, java.util.UUID onboardingId) {
        handle.createUpdate("UPDATE tenant_configs SET created_by_onboarding = :onboarding WHERE tenant_id = :id")
                .bind("onboarding", onboardingId).bind("id", tenantId.value())
                .execute();
    }

    public Optional<java.util.UUID> createdByOnboarding(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT created_by_onboarding FROM tenant_configs WHERE tenant_id = :id")
                .bind("id", tenantId.value())
                .map((rs, ctx) -> rs.getObject(1, java.util.UUID.class))
                .findOne()
                .filter(java.util.Objects::nonNull);
    }

    public Optional<StoredTenant> findForUpdate(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tenant_configs WHERE tenant_id = :id FOR UPDATE")
                .bind("id", tenantId.value())
                .map(TenantRepository::map)
                .findOne();
    }

    /** Writes every mutable column of {@code t} back. */
    public void update(Handle handle, StoredTenant t) {
        handle.createUpdate("UPDATE tenant_configs SET name = :name, tier = :tier, status = :status, "
                        + "admin_contact_email = :email, servicedesk_url = :url, servicedesk_edition = :edition, "
                        + "servicedesk_credentials_enc = :creds, webhook_auth_mode = :mode, "
                        + "webhook_secret_enc = :secret, previous_webhook_secret_enc = :previous, "
                        + "previous_secret_expires_at = :previousExpires, "
                        + "enhancement_preferences = CAST(:prefs AS jsonb), rate_limits = CAST(:limits AS jsonb), "
                        + "servicedesk_private_networks = CAST(:nets AS cidr[]), "
                        + "servicedesk_msp = CAST(:msp AS jsonb), context_scope = :scope, "
                        + "updated_at = now() WHERE tenant_id = :id")
                .bind("id", t.tenantId()).bind("name", t.name()).bind("tier", t.tier()).bind("status", t.status())
                .bind("email", t.adminContactEmail()).bind("url", t.servicedeskUrl())
                .bind("edition", t.servicedeskEdition()).bind("creds", t.credentialsCiphertext())
                .bind("mode", t.webhookAuthMode()).bind("secret", t.webhookSecretCiphertext())
                .bind("previous", t.previousWebhookSecretCiphertext())
                .bind("previousExpires", t.previousSecretExpiresAt() == null
                        ? null : Timestamp.from(t.previousSecretExpiresAt()))
                .bind("prefs", t.enhancementPreferencesJson()).bind("limits", t.rateLimitsJson())
                .bindArray("nets", String.class, networks(t))
                .bind("msp", t.servicedeskMspJson()).bind("scope", t.contextScope())
                .execute();
    }

    /** Removes the registry row itself: only for rolling back a tenant that never went live. */
    public void delete(Handle handle, TenantId tenantId) {
        handle.createUpdate("DELETE FROM tenant_configs WHERE tenant_id = :id").bind("id", tenantId.value()).execute();
    }

    /** Tenant-scoped tables other than the registry, found from the catalog so none is missed. */
    public List<String> otherTenantScopedTables(Handle handle) {
        return handle.createQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped "
                        + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'tenant_configs' "
                        + "ORDER BY c.relname")
                .mapTo(String.class)
                .list();
    }

    /** A tenant in its offboarding grace period: when it ends, and what a restore returns to. */
    public record Offboarding(Instant eraseAfter, String previousStatus, boolean due) {
    }

    /** Offboarding state, empty unless the tenant is {@code offboarding}. */
    public Optional<Offboarding> offboarding(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT erase_after, status_before_offboarding, erase_after <= now() AS due "
                        + "FROM tenant_configs WHERE tenant_id = :id AND status = 'offboarding'")
                .bind("id", tenantId.value())
                .map((rs, ctx) -> new Offboarding(rs.getTimestamp("erase_after").toInstant(),
                        rs.getString("status_before_offboarding"), rs.getBoolean("due")))
                .findOne();
    }

    /** Grace period: erase_after is the database's now() plus {@code grace}, so replicas' clocks do not matter. */
    public void startOffboarding(Handle handle, TenantId tenantId, String previousStatus, java.time.Duration grace) {
        handle.createUpdate("UPDATE tenant_configs SET status = 'offboarding', status_before_offboarding = :previous, "
                        + "erase_after = now() + make_interval(secs => :seconds), updated_at = now() WHERE tenant_id = :id")
                .bind("previous", previousStatus)
                .bind("seconds", (double) grace.toMillis() / 1000.0)
                .bind("id", tenantId.value())
                .execute();
    }

    public void restore(Handle handle, TenantId tenantId, String status) {
        handle.createUpdate("UPDATE tenant_configs SET status = :status, status_before_offboarding = NULL, "
                        + "erase_after = NULL, updated_at = now() WHERE tenant_id = :id")
                .bind("status", status)
                .bind("id", tenantId.value())
                .execute();
    }

    /** The tombstone's status; the offboarding fields go with it (a CHECK ties them to 'offboarding'). */
    public void finishOffboarding(Handle handle, TenantId tenantId) {
        handle.createUpdate("UPDATE tenant_configs SET status = 'offboarded', status_before_offboarding = NULL, "
                        + "erase_after = NULL, updated_at = now() WHERE tenant_id = :id")
                .bind("id", tenantId.value())
                .execute();
    }

    /** Deletes this tenant's rows in {@code table} (RLS limits it to the current tenant anyway). */
    public int deleteTenantRows(Handle handle, String table, TenantId tenantId) {
        return handle.createUpdate("DELETE FROM \"" + table.replace("\"", "\"\"") + "\" WHERE tenant_id = :id")
                .bind("id", tenantId.value())
                .execute();
    }

    /** The operator listing, across tenants, non-secret columns only (the MSP fields included). */
    public List<StoredTenant> list(Handle handle, String status, int limit, int offset) {
        return handle.createQuery("SELECT tenant_id, name, tier, status, admin_contact_email, servicedesk_url, "
                        + "servicedesk_edition, NULL AS servicedesk_credentials_enc, webhook_auth_mode, "
                        + "NULL AS webhook_secret_enc, NULL AS previous_webhook_secret_enc, "
                        + "NULL::timestamptz AS previous_secret_expires_at, enhancement_preferences::text AS prefs, "
                        + "rate_limits::text AS limits, created_at, updated_at, NULL::text[] AS private_networks, "
                        + "servicedesk_msp::text AS msp, context_scope "
                        + "FROM registry_list_tenants(:status, :limit, :offset)")
                .bind("status", status).bind("limit", limit).bind("offset", offset)
                .map(TenantRepository::map)
                .list();
    }

    private static StoredTenant map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredTenant(rs.getString("tenant_id"), rs.getString("name"), rs.getString("tier"),
                rs.getString("status"), rs.getString("admin_contact_email"), rs.getString("servicedesk_url"),
                rs.getString("servicedesk_edition"), rs.getString("servicedesk_credentials_enc"),
                rs.getString("webhook_auth_mode"), rs.getString("webhook_secret_enc"),
                rs.getString("previous_webhook_secret_enc"), instant(rs, "previous_secret_expires_at"),
                rs.getString("prefs"), rs.getString("limits"), instant(rs, "created_at"), instant(rs, "updated_at"),
                textArray(rs, "private_networks"), rs.getString("msp"), rs.getString("context_scope"));
    }

    private static List<String> textArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : List.of((String[]) array.getArray());
    }

    private static String[] networks(StoredTenant t) {
        return t.privateNetworks() == null ? new String[0] : t.privateNetworks().toArray(String[]::new);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
