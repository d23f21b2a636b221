package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.errors.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/onboardings}: the tenant create body of docs/api/tenant-service.md plus an optional
 * {@code idempotency_key}. What can be checked without tenant-service is checked here, before
 * anything is created: the shape, the id, tier and edition, the required fields. Everything else
 * (e-mail, URL, credentials per edition, preferences, limits) is tenant-service's validation,
 * whose field errors the saga relays. Messages never echo a submitted value.
 *
 * <p>Holds the body, credentials included, only for the life of the request: it is forwarded to
 * tenant-service and never stored or logged ({@link #toString()} is redacted).
 */
public final class OnboardingRequest {
    static final Set<String> TENANT_FIELDS = Set.of("tenant_id", "name", "tier", "admin_contact_email",
            "servicedesk_url", "servicedesk_edition", "servicedesk_credentials", "webhook_auth",
            "enhancement_preferences", "rate_limits", OnboardingRequest.PRIVATE_NETWORKS, "servicedesk_msp",
            "context_scope",
            "llm_endpoint"); // the tenant's own LLM endpoint: validated and stored by tenant-service
    /** Admin-only (as in tenant-service): the private networks this tenant's SDP may be reached in. */
    static final String PRIVATE_NETWORKS = "servicedesk_private_networks";
    static final String IDEMPOTENCY_KEY = "idempotency_key";
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,200}$");

    private final ObjectNode tenantBody;
    private final TenantId tenantId;
    private final Tier tier;
    private final String idempotencyKey;
    private final Role requesterRole;

    private OnboardingRequest(ObjectNode tenantBody, TenantId tenantId, Tier tier, String idempotencyKey, Role requesterRole) {
        this.tenantBody = tenantBody;
        this.tenantId = tenantId;
        this.tier = tier;
        this.idempotencyKey = idempotencyKey;
        this.requesterRole = requesterRole;
    }

    /**
     * The request of an operator with {@code role}: as {@link #parse(JsonNode)}, and
     * {@code servicedesk_private_networks} only from an admin (403 {@code admin_only_field}, as
     * tenant-service answers). tenant-service checks it again: the create carries the role.
     */
    public static OnboardingRequest parse(JsonNode body, Role role) {
        OnboardingRequest request = parse(body);
        if (request.tenantBody.has(PRIVATE_NETWORKS) && role != Role.ADMIN) {
            throw ApiException.forbidden("admin_only_field", PRIVATE_NETWORKS + " may be set only by the admin role");
        }
        return new OnboardingRequest(request.tenantBody, request.tenantId, request.tier, request.idempotencyKey, role);
    }

    /** @throws ApiException 400 {@code invalid_request} listing every field it could check */
    public static OnboardingRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TENANT_FIELDS.contains(name) && !IDEMPOTENCY_KEY.equals(name)) {
                errors.add(new FieldError(printable(name), "unknown field; allowed: " + allowed()));
            }
        }
        String key = null;
        if (body.has(IDEMPOTENCY_KEY) && !body.get(IDEMPOTENCY_KEY).isNull()) {
            JsonNode node = body.get(IDEMPOTENCY_KEY);
            if (node.isTextual() && KEY.matcher(node.asText()).matches()) {
                key = node.asText();
            } else {
                errors.add(new FieldError(IDEMPOTENCY_KEY, "must be 1 to 200 printable characters without spaces"));
            }
        }
        TenantId tenantId = null;
        if (body.hasNonNull("tenant_id")) {
            JsonNode node = body.get("tenant_id");
            String problem = node.isTextual() ? TenantId.problemWith(node.asText()) : "tenant_id must be a string";
            if (problem == null) {
                tenantId = TenantId.of(node.asText());
            } else {
                errors.add(new FieldError("tenant_id", problem));
            }
        }
        Tier tier = Tier.BASIC;
        if (body.hasNonNull("tier")) {
            try {
                tier = Tier.fromWire(body.get("tier").isTextual() ? body.get("tier").asText() : null);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("tier", e.getMessage()));
            }
        }
        if (body.hasNonNull("servicedesk_edition")) {
            try {
                ServicedeskEdition.fromWire(body.get("servicedesk_edition").isTextual()
                        ? body.get("servicedesk_edition").asText() : null);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("servicedesk_edition", e.getMessage()));
            }
        }
        for (String required : List.of("name", "admin_contact_email", "servicedesk_url", "servicedesk_credentials")) {
            if (!body.hasNonNull(required)) {
                errors.add(new FieldError(required, "is required"));
            }
        }
        if (body.hasNonNull("servicedesk_credentials") && !body.get("servicedesk_credentials").isObject()) {
            errors.add(new FieldError("servicedesk_credentials", "must be an object"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid_request",
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        ObjectNode tenantBody = ((ObjectNode) body).deepCopy();
        tenantBody.remove(IDEMPOTENCY_KEY);
        return new OnboardingRequest(tenantBody, tenantId, tier, key, null);
    }

    /** The tenant id the operator chose, if any. */
    public Optional<TenantId> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public Tier tier() {
        return tier;
    }

    /** The admin-set private networks as sent (for the audit log), if any. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> privateNetworks() {
        return Optional.ofNullable(tenantBody.get(PRIVATE_NETWORKS));
    }

    /** The role of the operator who asked (null when not known), passed on to tenant-service with the create. */
    public Role requesterRole() {
        return requesterRole;
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** The create body for tenant-service, with the onboarding's tenant id filled in. */
    ObjectNode tenantCreateBody(TenantId id) {
        ObjectNode copy = tenantBody.deepCopy();
        copy.put("tenant_id", id.value());
        return copy;
    }

    private static String allowed() {
        TreeSet<String> names = new TreeSet<>(TENANT_FIELDS);
        names.add(IDEMPOTENCY_KEY);
        return names.toString();
    }

    /** A field name as the client sent it, cut short and without control characters. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64) + "...";
    }

    @Override
    public String toString() {
        return "OnboardingRequest[tenant_id=" + tenantId + ", tier=" + tier.wireName() + ", body redacted]";
    }
}
