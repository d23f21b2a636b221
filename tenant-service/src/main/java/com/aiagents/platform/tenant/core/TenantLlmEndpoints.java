package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantLlmEndpoint;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.tenant.api.LlmEndpointView;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.StoredLlmEndpoint;
import com.aiagents.platform.tenant.db.TenantLlmRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * A tenant's own OpenAI-compatible LLM endpoint ({@code llm_endpoint}: base URL, API key, model):
 * validated like the SDP address (https, globally routable), the key encrypted like the SDP
 * credentials and never shown again, every change audited (a new key as
 * {@code tenant.llm_api_key_rotated}). {@code "llm_endpoint": null} in a PATCH removes it, and the
 * platform's endpoint serves the tenant again.
 */
public final class TenantLlmEndpoints {
    public static final String FIELD = "llm_endpoint";
    static final String API_KEY = "llm_api_key";
    private static final Set<String> KEYS = Set.of("base_url", "api_key", "model");

    private final TenantSecrets secrets;
    private final TenantLlmRepository repository = new TenantLlmRepository();
    private final ServicedeskAddressRules addressRules;
    private final AuditLog audit;

    TenantLlmEndpoints(TenantSecrets secrets, ServicedeskAddressRules addressRules, AuditLog audit) {
        this.secrets = secrets;
        this.addressRules = addressRules;
        this.audit = audit;
    }

    /** A validated change: {@code endpoint} null removes it; {@code apiKey} null keeps the stored one. */
    record Change(String baseUrl, String model, String apiKey, boolean remove) {
        @Override
        public String toString() {
            return "LlmEndpointChange[" + baseUrl + ", " + model + ", remove=" + remove + "]";
        }
    }

    /**
     * Parses {@code node} against the stored endpoint (null when none) or throws a 400 naming every
     * invalid field, never echoing a value.
     */
    Change parse(JsonNode node, StoredLlmEndpoint current) {
        if (node.isNull()) {
            return new Change(null, null, null, true);
        }
        FieldErrors errors = new FieldErrors();
        if (!node.isObject()) {
            errors.add(FIELD, "must be an object like {\"base_url\": \"https://llm.example/v1\", \"api_key\": \"...\", "
                    + "\"model\": \"gpt-4o-mini\"}, or null to remove it");
            errors.throwIfAny();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                errors.add(FIELD + "." + Checks.printable(key), "unknown field; allowed: " + new TreeSet<>(KEYS));
            }
        }
        String url = node.has("base_url") ? Checks.httpUrl(node.get("base_url"), FIELD + ".base_url", errors) : null;
        if (url != null) {
            addressRules.llmUrlProblem(url).ifPresent(problem -> errors.add(FIELD + ".base_url", problem));
        }
        String model = node.has("model") ? Checks.modelName(node.get("model"), FIELD + ".model", errors) : null;
        String key = node.has("api_key") ? Checks.secret(node.get("api_key"), FIELD + ".api_key", errors) : null;
        if (current == null) {
            for (String required : List.of("base_url", "api_key", "model")) {
                if (!node.has(required)) {
                    errors.add(FIELD + "." + required, "is required when the tenant has no LLM endpoint yet");
                }
            }
        } else if (!node.has("api_key") && url != null
                && !Objects.equals(ServicedeskAddressRules.host(url), ServicedeskAddressRules.host(current.baseUrl()))) {
            errors.add(FIELD + ".api_key", "required when base_url moves to another host: "
                    + "the stored key is never sent to a host it was not given for");
        }
        if (node.size() == 0) {
            errors.add(FIELD, "must set at least one of " + new TreeSet<>(KEYS) + ", or be null to remove the endpoint");
        }
        errors.throwIfAny();
        return new Change(url, model, key, false);
    }

    StoredLlmEndpoint current(Handle handle, TenantId id) {
        return repository.find(handle, id).orElse(null);
    }

    /** Writes {@code change} over {@code current} and audits it (field names, host and model; never the key). */
    void apply(Handle handle, PlatformPrincipal actor, TenantId id, StoredLlmEndpoint current, Change change) {
        if (change.remove()) {
            if (current != null) {
                repository.write(handle, id, null);
                audit.record(handle, actor, "tenant.llm_endpoint_removed", id.value(),
                        Map.of("host", String.valueOf(ServicedeskAddressRules.host(current.baseUrl()))));
            }
            return;
        }
        String url = change.baseUrl() != null ? change.baseUrl() : current.baseUrl();
        String model = change.model() != null ? change.model() : current.model();
        String key = change.apiKey() != null ? secrets.encrypt(id.value(), API_KEY, change.apiKey())
                : current.apiKeyCiphertext();
        repository.write(handle, id, new StoredLlmEndpoint(url, model, key));
        List<String> fields = new ArrayList<>();
        if (change.baseUrl() != null) {
            fields.add("base_url");
        }
        if (change.model() != null) {
            fields.add("model");
        }
        if (change.apiKey() != null) {
            fields.add("api_key");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", fields);
        details.put("host", String.valueOf(ServicedeskAddressRules.host(url)));
        details.put("model", model);
        audit.record(handle, actor, current == null ? "tenant.llm_endpoint_set" : "tenant.llm_endpoint_updated",
                id.value(), details);
        if (current != null && change.apiKey() != null) {
            audit.record(handle, actor, "tenant.llm_api_key_rotated", id.value(),
                    Map.of("host", String.valueOf(ServicedeskAddressRules.host(url))));
        }
    }

    LlmEndpointView view(Handle handle, TenantId id) {
        StoredLlmEndpoint stored = current(handle, id);
        return stored == null ? null : new LlmEndpointView(stored.baseUrl(), stored.model(), stored.apiKeyCiphertext() != null);
    }

    /** The endpoint with its key decrypted, for the services that call it; null when the tenant has none. */
    TenantLlmEndpoint runtime(Handle handle, TenantId id) {
        StoredLlmEndpoint stored = current(handle, id);
        return stored == null ? null : new TenantLlmEndpoint(stored.baseUrl(),
                secrets.decrypt(id.value(), API_KEY, stored.apiKeyCiphertext()), stored.model());
    }
}
