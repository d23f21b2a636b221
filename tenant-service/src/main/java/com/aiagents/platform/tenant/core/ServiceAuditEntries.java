package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.AuditLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entries other services write to {@code audit_log} through {@code POST /internal/v1/audit}
 * (only tenant-service's database role may insert there). Who wrote an entry is the calling
 * service, from its token, never from the body; the body may name the person the service acted
 * for (an operator it authenticated), recorded as {@code "<service> (for <person>)"}, as for
 * provisioning-service's {@code X-Acting-For}. Each service writes only actions in its own
 * namespace ({@code worker.}, {@code gates.}, {@code provisioning.}), so none can pass for
 * tenant-service's own {@code tenant.*} entries or another service's. Details are a small JSON
 * object; a key that names a secret (token, password, ...) is refused, so a careless caller finds
 * out at once rather than leaving a secret in an append-only table.
 */
public final class ServiceAuditEntries {
    static final Set<String> FIELDS = Set.of("action", "tenant_id", "acting_for", "details");
    static final int MAX_DETAILS_CHARS = 8192;
    private static final Pattern ACTION = Pattern.compile("^[a-z]+\\.[a-z0-9_.]{1,80}$");
    private static final Pattern PERSON = Pattern.compile("^[A-Za-z0-9@._-]{1,64}$");
    private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "token", "apikey",
            "api_key", "authtoken", "credential", "private_key");
    private static final Map<PlatformService, String> NAMESPACES = Map.of(PlatformService.WORKER, "worker.",
            PlatformService.GATES, "gates.", PlatformService.PROVISIONING, "provisioning.",
            PlatformService.GATEWAY, "gateway.");

    private final TenantDatabase database;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ServiceAuditEntries(TenantDatabase database, AuditLog audit, ObjectMapper json) {
        this.database = database;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Validates and appends one entry written by {@code caller}.
     *
     * @return the entry's id
     * @throws ApiException 400 listing every problem; nothing is written then
     */
    public long record(PlatformService caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request",
                    "the body must be {\"action\": \"...\", \"tenant_id\": ..., \"acting_for\": ..., \"details\": {...}}");
        }
        FieldErrors errors = new FieldErrors();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(name.length() <= 64 ? name : name.substring(0, 64), "unknown field; allowed: "
                        + "action, tenant_id, acting_for, details");
            }
        }
        String namespace = NAMESPACES.get(caller);
        JsonNode action = body.path("action");
        if (!action.isTextual() || !ACTION.matcher(action.asText()).matches()) {
            errors.add("action", "is required: lower-case words like " + namespace + "kb_articles_load_requested");
        } else if (!action.asText().startsWith(namespace)) {
            errors.add("action", "must start with " + namespace + " (" + caller.serviceName() + "'s namespace)");
        }
        String tenant = text(body, "tenant_id", errors);
        if (tenant != null && TenantId.problemWith(tenant) != null) {
            errors.add("tenant_id", TenantId.problemWith(tenant));
        }
        String person = text(body, "acting_for", errors);
        if (person != null && !PERSON.matcher(person).matches()) {
            errors.add("acting_for", "must be a plain name (letters, digits, @ . _ -, at most 64)");
        }
        JsonNode details = body.path("details");
        if (!details.isMissingNode() && !details.isNull()) {
            if (!details.isObject()) {
                errors.add("details", "must be a JSON object");
            } else {
                if (details.toString().length() > MAX_DETAILS_CHARS) {
                    errors.add("details", "must be at most " + MAX_DETAILS_CHARS + " characters of JSON");
                }
                secretKeys(details, "details", errors);
            }
        }
        errors.throwIfAny();
        String actor = person == null ? caller.serviceName() : caller.serviceName() + " (for " + person + ")";
        Map<String, Object> values = details.isObject() ? json.convertValue(details, MAP) : Map.of();
        return database.withoutTenant(handle -> audit.record(handle, new PlatformPrincipal(actor, Role.SERVICE),
                action.asText(), tenant, values));
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private static String text(JsonNode body, String field, FieldErrors errors) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string or null");
            return null;
        }
        return node.asText();
    }

    /** Refuses keys that name a secret, at any depth. */
    private static void secretKeys(JsonNode node, String path, FieldErrors errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey().toLowerCase(Locale.ROOT);
                String at = path + "." + (field.getKey().length() <= 64 ? field.getKey() : field.getKey().substring(0, 64));
                if (SECRET_WORDS.stream().anyMatch(key::contains)) {
                    errors.add(at, "names a secret: audit details never hold secrets (name what changed, not its value)");
                } else {
                    secretKeys(field.getValue(), at, errors);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                secretKeys(item, path, errors);
            }
        }
    }
}
