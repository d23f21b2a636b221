package com.aiagents.platform.tenant.db;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Appends to {@code audit_log}: who did what to which tenant. Written in the same transaction as
 * the change it records, so there is no change without its entry. Details hold field names and
 * states, never secret values.
 */
public final class AuditLog {
    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The actor is named by its token's name (a person's e-mail) and its own role; a person's user and
     * session ids and, under impersonation, the impersonated tenant are added to the details.
     *
     * @return the entry's id
     */
    public long record(Handle handle, PlatformPrincipal actor, String action, String tenantId, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.putAll(actor.auditDetails());
        return record(handle, actor.name(), actor.actorRole().value(), action, tenantId, all);
    }

    /** With the actor's name and role as text: a person's role may be a tenant role ({@code tenant_admin}). */
    public long record(Handle handle, String actor, String actorRole, String action, String tenantId,
                       Map<String, ?> details) {
        return handle.createUpdate("INSERT INTO audit_log (actor, actor_role, action, target_tenant_id, details) "
                        + "VALUES (:actor, :role, :action, :tenant, CAST(:details AS jsonb))")
                .bind("actor", actor)
                .bind("role", actorRole)
                .bind("action", action)
                .bind("tenant", tenantId)
                .bind("details", toJson(details))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not serializable", e);
        }
    }
}
