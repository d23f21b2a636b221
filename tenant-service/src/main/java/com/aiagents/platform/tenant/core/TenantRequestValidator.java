package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.OutputFormat;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an operator's JSON into a {@link NewTenant} or {@link TenantChanges}, or a 400 that lists
 * every invalid field. Unknown keys are rejected at every level so a typo never silently becomes
 * a default. Error messages never echo submitted values (they may be secrets).
 */
public final class TenantRequestValidator {
    private static final Set<String> CREATE_FIELDS = Set.of("tenant_id", "name", "tier", "admin_contact_email",
            "servicedesk_url", "servicedesk_edition", "servicedesk_credentials", "webhook_auth",
            "enhancement_preferences", "rate_limits", PrivateNetworks.FIELD, MspFields.MSP, MspFields.SCOPE);
    private static final Set<String> PATCH_FIELDS = Set.of("name", "tier", "admin_contact_email",
            "servicedesk_url", "servicedesk_edition", "servicedesk_credentials", "webhook_auth",
            "enhancement_preferences", "rate_limits", PrivateNetworks.FIELD, MspFields.MSP, MspFields.SCOPE);
    private static final Set<String> ONPREM_CREDENTIALS = Set.of("api_key");
    private static final Set<String> CLOUD_CREDENTIALS =
            Set.of("client_id", "client_secret", "refresh_token", "accounts_url");
    private static final Set<String> PREFERENCE_KEYS = Set.of("context_sources", "output_format", "max_tokens",
            "llm_model", "include_confidence_score", "mask_infrastructure");
    private static final String DEFAULT_ACCOUNTS_URL = "https://accounts.zoho.com";

    public NewTenant parseCreate(JsonNode body) {
        requireObject(body);
        FieldErrors errors = new FieldErrors();
        rejectUnknown(body, CREATE_FIELDS, "", errors);

        TenantId tenantId = body.hasNonNull("tenant_id") ? tenantId(body.get("tenant_id"), errors) : null;
        String name = required(body, "name", errors) ? Checks.name(body.get("name"), "name", errors) : null;
        Tier tier = body.hasNonNull("tier") ? choice(body.get("tier"), "tier", Tier::fromWire, errors) : Tier.BASIC;
        String email = required(body, "admin_contact_email", errors)
                ? Checks.email(body.get("admin_contact_email"), "admin_contact_email", errors) : null;
        String url = required(body, "servicedesk_url", errors)
                ? Checks.httpUrl(body.get("servicedesk_url"), "servicedesk_url", errors) : null;
        ServicedeskEdition edition = body.hasNonNull("servicedesk_edition")
                ? choice(body.get("servicedesk_edition"), "servicedesk_edition", ServicedeskEdition::fromWire, errors) : ServicedeskEdition.ONPREM;
        ServicedeskCredentials credentials = required(body, "servicedesk_credentials", errors) && edition != null
                ? credentials(body.get("servicedesk_credentials"), edition, errors) : null;
        WebhookAuthMode mode = body.has("webhook_auth") ? webhookMode(body.get("webhook_auth"), errors)
                : WebhookAuthMode.HMAC;
        EnhancementPreferences preferences = preferences(body.get("enhancement_preferences"),
                EnhancementPreferences.defaults(), errors);
        RateLimits rateLimits = rateLimits(body.get("rate_limits"), RateLimits.defaults(), errors);
        List<String> networks = body.has(PrivateNetworks.FIELD)
                ? PrivateNetworks.parse(body.get(PrivateNetworks.FIELD), errors) : List.of();
        MspSettings msp = edition == null ? null : MspFields.parse(body, edition, true, errors);
        ContextScope scope = edition == null ? null : MspFields.scope(body, edition, true, errors);

        errors.throwIfAny();
        return new NewTenant(tenantId, name, tier, email, url, edition, credentials, mode, preferences, rateLimits,
                networks, msp, scope);
    }

    /**
     * Validates a PATCH against the tenant's current edition and preferences: preferences and
     * rate limits merge key by key; a change of edition must bring the new edition's credentials.
     */
    public TenantChanges parsePatch(JsonNode body, ServicedeskEdition currentEdition,
                                    EnhancementPreferences currentPreferences, RateLimits currentLimits) {
        requireObject(body);
        FieldErrors errors = new FieldErrors();
        rejectUnknown(body, PATCH_FIELDS, "", errors);
        for (String immutable : List.of("tenant_id", "status", "created_at", "updated_at")) {
            if (body.has(immutable)) {
                errors.add(immutable, immutable.equals("status")
                        ? "status changes go through POST /v1/tenants/{tenant_id}/status"
                        : "cannot be changed");
            }
        }
        String name = body.has("name") ? Checks.name(body.get("name"), "name", errors) : null;
        Tier tier = body.has("tier") ? choice(body.get("tier"), "tier", Tier::fromWire, errors) : null;
        String email = body.has("admin_contact_email")
                ? Checks.email(body.get("admin_contact_email"), "admin_contact_email", errors) : null;
        String url = body.has("servicedesk_url")
                ? Checks.httpUrl(body.get("servicedesk_url"), "servicedesk_url", errors) : null;
        ServicedeskEdition edition = body.has("servicedesk_edition")
                ? choice(body.get("servicedesk_edition"), "servicedesk_edition", ServicedeskEdition::fromWire, errors) : null;
        ServicedeskCredentials credentials = null;
        ServicedeskEdition effectiveEdition = edition != null ? edition : currentEdition;
        if (body.has("servicedesk_credentials")) {
            credentials = credentials(body.get("servicedesk_credentials"), effectiveEdition, errors);
        } else if (edition != null && edition != currentEdition) {
            errors.add("servicedesk_credentials", "required when servicedesk_edition changes");
        }
        WebhookAuthMode mode = body.has("webhook_auth") ? webhookMode(body.get("webhook_auth"), errors) : null;
        EnhancementPreferences preferences = body.has("enhancement_preferences")
                ? preferences(body.get("enhancement_preferences"), currentPreferences, errors) : null;
        RateLimits rateLimits = body.has("rate_limits")
                ? rateLimits(body.get("rate_limits"), currentLimits, errors) : null;
        List<String> networks = body.has(PrivateNetworks.FIELD)
                ? PrivateNetworks.parse(body.get(PrivateNetworks.FIELD), errors) : null;
        boolean becomesMsp = edition == ServicedeskEdition.MSP && currentEdition != ServicedeskEdition.MSP;
        MspSettings msp = effectiveEdition == null ? null : MspFields.parse(body, effectiveEdition, becomesMsp, errors);
        ContextScope scope = effectiveEdition == null ? null : MspFields.scope(body, effectiveEdition, false, errors);
        if (scope == null && edition != null && edition != currentEdition) {
            // a new edition brings its default scope unless the patch names one
            scope = ContextScope.defaultFor(edition);
        }
        errors.throwIfAny();
        TenantChanges changes = new TenantChanges(name, tier, email, url, edition, credentials, mode,
                preferences, rateLimits, networks, msp, scope);
        if (changes.changedFields().isEmpty()) {
            throw ApiException.badRequest("invalid_request", "the patch changes nothing");
        }
        return changes;
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the request body must be a JSON object");
        }
    }

    private static TenantId tenantId(JsonNode node, FieldErrors errors) {
        String problem = node.isTextual() ? TenantId.problemWith(node.asText()) : "tenant_id must be a string";
        if (problem != null) {
            errors.add("tenant_id", problem);
            return null;
        }
        return TenantId.of(node.asText());
    }

    private static boolean required(JsonNode body, String field, FieldErrors errors) {
        if (!body.hasNonNull(field)) {
            errors.add(field, "is required");
            return false;
        }
        return true;
    }

    private static <T> T choice(JsonNode node, String field, Function<String, T> parse, FieldErrors errors) {
        try {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(field + " must be a string");
            }
            return parse.apply(node.asText());
        } catch (IllegalArgumentException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    private static void rejectUnknown(JsonNode object, Set<String> allowed, String prefix, FieldErrors errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                errors.add(prefix + Checks.printable(key), "unknown field; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static ServicedeskCredentials credentials(JsonNode node, ServicedeskEdition edition, FieldErrors errors) {
        String field = "servicedesk_credentials";
        if (!node.isObject()) {
            errors.add(field, "must be an object");
            return null;
        }
        int before = errorCount(errors);
        if (edition != ServicedeskEdition.CLOUD) {
            // on-prem and MSP: a technician API key
            rejectUnknown(node, ONPREM_CREDENTIALS, field + ".", errors);
            String apiKey = Checks.secret(node.get("api_key"), field + ".api_key", errors);
            return errorCount(errors) == before ? ServicedeskCredentials.onPrem(apiKey) : null;
        }
        rejectUnknown(node, CLOUD_CREDENTIALS, field + ".", errors);
        String clientId = Checks.secret(node.get("client_id"), field + ".client_id", errors);
        String clientSecret = Checks.secret(node.get("client_secret"), field + ".client_secret", errors);
        String refreshToken = Checks.secret(node.get("refresh_token"), field + ".refresh_token", errors);
        String accountsUrl = node.hasNonNull("accounts_url")
                ? Checks.httpUrl(node.get("accounts_url"), field + ".accounts_url", errors) : DEFAULT_ACCOUNTS_URL;
        return errorCount(errors) == before
                ? ServicedeskCredentials.cloud(clientId, clientSecret, refreshToken, accountsUrl) : null;
    }

    private static WebhookAuthMode webhookMode(JsonNode node, FieldErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add("webhook_auth", "must be an object like {\"mode\": \"hmac\"}");
            return null;
        }
        rejectUnknown(node, Set.of("mode"), "webhook_auth.", errors);
        if (!node.hasNonNull("mode")) {
            return WebhookAuthMode.HMAC;
        }
        return choice(node.get("mode"), "webhook_auth.mode", WebhookAuthMode::fromWire, errors);
    }

    private static EnhancementPreferences preferences(JsonNode node, EnhancementPreferences base, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return base;
        }
        String field = "enhancement_preferences";
        if (!node.isObject()) {
            errors.add(field, "must be an object");
            return null;
        }
        rejectUnknown(node, PREFERENCE_KEYS, field + ".", errors);
        int before = errorCount(errors);
        List<ContextSource> sources = node.has("context_sources")
                ? contextSources(node.get("context_sources"), errors) : base.contextSources();
        OutputFormat format = node.has("output_format")
                ? choice(node.get("output_format"), field + ".output_format", OutputFormat::fromWire, errors)
                : base.outputFormat();
        int maxTokens = node.has("max_tokens")
                ? Checks.intInRange(node.get("max_tokens"), field + ".max_tokens",
                        EnhancementPreferences.MIN_TOKENS, EnhancementPreferences.MAX_TOKENS, errors)
                : base.maxTokens();
        String model = node.has("llm_model") ? Checks.modelName(node.get("llm_model"), field + ".llm_model", errors)
                : base.llmModel();
        boolean confidence = flag(node, "include_confidence_score", base.includeConfidenceScore(), errors);
        boolean maskInfrastructure = flag(node, "mask_infrastructure", base.maskInfrastructure(), errors);
        return errorCount(errors) == before
                ? new EnhancementPreferences(sources, format, maxTokens, model, confidence, maskInfrastructure) : null;
    }

    /** A boolean preference: absent keeps {@code current}; anything but true/false is an error. */
    private static boolean flag(JsonNode preferences, String key, boolean current, FieldErrors errors) {
        JsonNode value = preferences.get(key);
        if (value == null) {
            return current;
        }
        if (!value.isBoolean()) {
            errors.add("enhancement_preferences." + key, "must be true or false");
            return current;
        }
        return value.asBoolean();
    }

    private static List<ContextSource> contextSources(JsonNode node, FieldErrors errors) {
        String field = "enhancement_preferences.context_sources";
        if (!node.isArray()) {
            errors.add(field, "must be an array, a subset of [ticket_history, kb, monitoring]");
            return null;
        }
        Set<ContextSource> sources = new LinkedHashSet<>();
        for (JsonNode item : node) {
            try {
                if (!item.isTextual() || !sources.add(ContextSource.fromWire(item.asText()))) {
                    throw new IllegalArgumentException("entries must be distinct values of [ticket_history, kb, monitoring]");
                }
            } catch (IllegalArgumentException e) {
                errors.add(field, "entries must be distinct values of [ticket_history, kb, monitoring]");
                return null;
            }
        }
        return new ArrayList<>(sources);
    }

    private static RateLimits rateLimits(JsonNode node, RateLimits base, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return base;
        }
        if (!node.isObject()) {
            errors.add("rate_limits", "must be an object like {\"requests_per_minute\": 100}");
            return null;
        }
        rejectUnknown(node, Set.of("requests_per_minute"), "rate_limits.", errors);
        if (!node.has("requests_per_minute")) {
            return base;
        }
        int before = errorCount(errors);
        int rpm = Checks.intInRange(node.get("requests_per_minute"), "rate_limits.requests_per_minute",
                RateLimits.MIN_RPM, RateLimits.MAX_RPM, errors);
        return errorCount(errors) == before ? new RateLimits(rpm) : null;
    }

    private static int errorCount(FieldErrors errors) {
        return errors.size();
    }
}
