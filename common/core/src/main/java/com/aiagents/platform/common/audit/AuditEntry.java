package com.aiagents.platform.common.audit;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry for tenant-service's {@code audit_log}, as a service sends it to
 * {@code POST /internal/v1/audit}: what happened ({@code action}, in the calling service's namespace,
 * e.g. {@code worker.kb_articles_load_requested}), to which tenant (or none, for a platform-wide
 * action), for which person (the operator the service authenticated, if one asked for it), and
 * details that name things and count them but never hold a secret. Who wrote it is not here:
 * tenant-service takes the service from the caller's token.
 */
public record AuditEntry(String action, String tenantId, String actingFor, Map<String, Object> details) {
    private static final Pattern PERSON = Pattern.compile("^[A-Za-z0-9@._-]{1,64}$");

    public AuditEntry {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
    }

    public static AuditEntry of(String action, TenantId tenant) {
        return new AuditEntry(action, tenant == null ? null : tenant.value(), null, Map.of());
    }

    /** The same entry made for {@code person} (an operator's name as the service authenticated it). */
    public AuditEntry actingFor(String person) {
        return new AuditEntry(action, tenantId, person, details);
    }

    /**
     * The same entry made for whoever asked this service: an operator's own token names the person;
     * a service caller (only provisioning-service may send {@code X-Acting-For}, the auth filter
     * refuses it from anyone else) is kept as {@code requested_by_service}, with the operator it
     * named, if any. A person's entry also holds their user and session ids and, when an admin
     * impersonates a tenant ({@code X-Tenant-Id}), {@code impersonated_tenant}.
     */
    public AuditEntry requestedBy(PlatformPrincipal caller, String actingForHeader) {
        if (caller.role() != Role.SERVICE) {
            AuditEntry entry = actingFor(caller.name());
            for (Map.Entry<String, Object> detail : caller.auditDetails().entrySet()) {
                entry = entry.with(detail.getKey(), detail.getValue());
            }
            return entry;
        }
        AuditEntry entry = with("requested_by_service", caller.name());
        return actingForHeader != null && PERSON.matcher(actingForHeader).matches()
                ? entry.actingFor(actingForHeader) : entry;
    }

    /** The same entry with one more detail; a {@code null} value is left out. */
    public AuditEntry with(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEntry(action, tenantId, actingFor, more);
    }
}
