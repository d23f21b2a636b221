package com.aiagents.platform.tenant.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads {@code audit_log} for people ({@code GET /v1/audit}): newest first, by id, filtered. The
 * table is platform-level (no row-level security: an offboarded tenant's trail outlives it), so a
 * tenant user's confinement is the {@code tenant} filter the caller always sets for them.
 */
public final class AuditQueries {
    /** One entry as the API shows it; {@code details} without the session id (a person's sign-in). */
    public record Entry(long id, Instant occurredAt, String actor, String actorRole, String action, String tenantId,
                        JsonNode details) {
    }

    /** The filters; null means "any". {@code action} ending in {@code *} is a prefix. */
    public record Filter(String actor, String tenant, String action, Instant since, Instant until, Long before, int limit) {
    }

    private final ObjectMapper json;

    public AuditQueries(ObjectMapper json) {
        this.json = json;
    }

    public List<Entry> list(Handle handle, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, actor, actor_role, action, target_tenant_id, "
                + "details::text AS details FROM audit_log WHERE true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.actor() != null) {
            sql.append(" AND actor = :actor");
            binds.put("actor", filter.actor());
        }
        if (filter.tenant() != null) {
            sql.append(" AND target_tenant_id = :tenant");
            binds.put("tenant", filter.tenant());
        }
        if (filter.action() != null) {
            if (filter.action().endsWith("*")) {
                sql.append(" AND starts_with(action, :action)");
                binds.put("action", filter.action().substring(0, filter.action().length() - 1));
            } else {
                sql.append(" AND action = :action");
                binds.put("action", filter.action());
            }
        }
        if (filter.since() != null) {
            sql.append(" AND occurred_at >= :since");
            binds.put("since", OffsetDateTime.ofInstant(filter.since(), java.time.ZoneOffset.UTC));
        }
        if (filter.until() != null) {
            sql.append(" AND occurred_at < :until");
            binds.put("until", OffsetDateTime.ofInstant(filter.until(), java.time.ZoneOffset.UTC));
        }
        if (filter.before() != null) {
            sql.append(" AND id < :before");
            binds.put("before", filter.before());
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        Query query = handle.createQuery(sql.toString()).bind("limit", filter.limit());
        binds.forEach(query::bind);
        return query.map((rs, ctx) -> new Entry(rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                rs.getString("actor_role"), rs.getString("action"), rs.getString("target_tenant_id"),
                details(rs.getString("details")))).list();
    }

    private JsonNode details(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                object.remove("session_id");
            }
            return node;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
