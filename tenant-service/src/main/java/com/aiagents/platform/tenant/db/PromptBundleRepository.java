package com.aiagents.platform.tenant.db;

import com.aiagents.platform.api.PromptSection;
import com.aiagents.platform.tenant.api.PromptBundleState;
import com.aiagents.platform.tenant.api.PromptBundleView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for {@code global_prompt_bundles} (no tenant: platform configuration) and
 * {@code tenant_prompt_bundles} (a tenant's overlay, under row-level security: call it inside
 * {@code TenantDatabase.inTenant} for that tenant). One repository per bundle, chosen by {@link #global}
 * or {@link #ofTenant}; the SQL is the same but for the table and the tenant predicate.
 */
public final class PromptBundleRepository {
    private static final TypeReference<List<PromptSection>> SECTIONS = new TypeReference<>() {
    };
    private static final String COLUMNS = "version, status, sections::text AS sections, created_by, created_at, "
            + "updated_at, published_at";

    private final ObjectMapper json;
    private final String table;
    /** null for the global bundle */
    private final String tenantId;

    private PromptBundleRepository(ObjectMapper json, String table, String tenantId) {
        this.json = json;
        this.table = table;
        this.tenantId = tenantId;
    }

    public static PromptBundleRepository global(ObjectMapper json) {
        return new PromptBundleRepository(json, "global_prompt_bundles", null);
    }

    public static PromptBundleRepository ofTenant(ObjectMapper json, String tenantId) {
        return new PromptBundleRepository(json, "tenant_prompt_bundles", tenantId);
    }

    private String where() {
        // the global table has no tenant: the (null) parameter is still bound, so one SQL text serves both
        return tenantId == null ? " WHERE CAST(:tenant AS text) IS NULL" : " WHERE tenant_id = :tenant";
    }

    /** Serializes the writers of this bundle until the transaction ends (two PUTs, a PUT and a publish). */
    public void lockForWrite(Handle h) {
        h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))) locked")
                .bind("name", "prompt-bundle:" + (tenantId == null ? "" : tenantId) + ":" + table)
                .mapTo(Integer.class).one();
    }

    public Optional<PromptBundleView> withStatus(Handle h, String status) {
        return h.createQuery("SELECT " + COLUMNS + " FROM " + table + where() + " AND status = :status")
                .bind("tenant", tenantId).bind("status", status)
                .map((rs, ctx) -> view(rs)).findOne();
    }

    public List<PromptBundleState.VersionSummary> versions(Handle h, int limit) {
        return h.createQuery("SELECT version, status, created_by, published_at FROM " + table + where()
                        + " ORDER BY version DESC LIMIT :limit")
                .bind("tenant", tenantId).bind("limit", limit)
                .map((rs, ctx) -> new PromptBundleState.VersionSummary(rs.getInt(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4))))
                .list();
    }

    public int latestVersion(Handle h) {
        return h.createQuery("SELECT coalesce(max(version), 0) FROM " + table + where())
                .bind("tenant", tenantId).mapTo(Integer.class).one();
    }

    public void insertDraft(Handle h, int version, List<PromptSection> sections, String createdBy) {
        var insert = h.createUpdate("INSERT INTO " + table + " (" + (tenantId == null ? "" : "tenant_id, ")
                + "version, status, sections, created_by) VALUES (" + (tenantId == null ? "" : ":tenant, ")
                + ":version, 'draft', CAST(:sections AS jsonb), :by)");
        if (tenantId != null) {
            insert.bind("tenant", tenantId);
        }
        insert.bind("version", version).bind("sections", write(sections)).bind("by", createdBy)
                .execute();
    }

    public void replaceDraft(Handle h, int version, List<PromptSection> sections, String updatedBy) {
        h.createUpdate("UPDATE " + table + " SET sections = CAST(:sections AS jsonb), created_by = :by, updated_at = now()"
                        + where() + " AND version = :version AND status = 'draft'")
                .bind("tenant", tenantId).bind("version", version).bind("sections", write(sections)).bind("by", updatedBy)
                .execute();
    }

    /** production → retired, then the draft → production; returns the now production version. */
    public void publish(Handle h, int draftVersion) {
        h.createUpdate("UPDATE " + table + " SET status = 'retired', updated_at = now()" + where() + " AND status = 'production'")
                .bind("tenant", tenantId).execute();
        h.createUpdate("UPDATE " + table + " SET status = 'production', published_at = now(), updated_at = now()"
                        + where() + " AND version = :version AND status = 'draft'")
                .bind("tenant", tenantId).bind("version", draftVersion).execute();
    }

    private PromptBundleView view(ResultSet rs) throws SQLException {
        return new PromptBundleView(rs.getInt("version"), rs.getString("status"), read(rs.getString("sections")),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("published_at")));
    }

    private List<PromptSection> read(String sections) {
        try {
            return json.readValue(sections, SECTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored prompt bundle is not a list of sections", e);
        }
    }

    private String write(List<PromptSection> sections) {
        try {
            return json.writeValueAsString(sections);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("prompt sections are not serializable", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
