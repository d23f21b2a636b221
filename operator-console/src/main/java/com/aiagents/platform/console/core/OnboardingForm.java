package com.aiagents.platform.console.core;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The onboarding form: its fields (named as in provisioning-service's body, so the API's field
 * errors land next to the right input), the body it sends, and the page's values. Credentials are
 * never sent back to the browser: after a refusal their inputs are empty again.
 */
public final class OnboardingForm {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** name, label, input type, required, hint; credentials are "password" inputs. */
    private record Field(String name, String label, String type, boolean required, String hint) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("tenant_id", "Tenant id", "text", false, "Lower case letters, digits and hyphens; empty: a UUID is generated."),
            new Field("name", "Name", "text", true, ""),
            new Field("tier", "Tier", "select:basic,premium", true, ""),
            new Field("admin_contact_email", "Administrator's e-mail", "email", true, "Receives the welcome mail."),
            new Field("servicedesk_url", "ServiceDesk Plus URL", "url", true, "https://…"),
            new Field("servicedesk_edition", "ServiceDesk Plus edition", "select:onprem,cloud,msp", true, ""),
            new Field("servicedesk_credentials.api_key", "API key (on-premises, MSP)", "password", false, ""),
            new Field("servicedesk_credentials.client_id", "Zoho client id (Cloud)", "text", false, ""),
            new Field("servicedesk_credentials.client_secret", "Zoho client secret (Cloud)", "password", false, ""),
            new Field("servicedesk_credentials.refresh_token", "Zoho refresh token (Cloud)", "password", false, ""),
            new Field("servicedesk_credentials.accounts_url", "Zoho accounts URL (Cloud, optional)", "url", false, ""),
            new Field("servicedesk_msp.gate_account", "Gate account (MSP)", "text", false, ""),
            new Field("servicedesk_msp.gate_site", "Gate site (MSP)", "text", false, ""),
            new Field("webhook_auth.mode", "Webhook authentication", "select:hmac,token", true, ""));

    private final Map<String, String> values;
    private final Map<String, String> errors = new HashMap<>();
    private final boolean resuming;

    private OnboardingForm(Map<String, String> values, boolean resuming) {
        this.values = values;
        this.resuming = resuming;
    }

    public static OnboardingForm blank() {
        Map<String, String> values = new HashMap<>();
        values.put("idempotency_key", newKey());
        values.put("tier", "basic");
        values.put("servicedesk_edition", "onprem");
        values.put("webhook_auth.mode", "hmac");
        return new OnboardingForm(values, false);
    }

    /** A failed onboarding's form again, with what is known of it; the credentials must be typed again. */
    public static OnboardingForm resuming(JsonNode onboarding, JsonNode tenant) {
        OnboardingForm form = blank();
        Map<String, String> values = new HashMap<>(form.values);
        values.put("idempotency_key", onboarding.path("idempotency_key").asText(values.get("idempotency_key")));
        values.put("tenant_id", onboarding.path("tenant_id").asText(""));
        values.put("tier", onboarding.path("tier").asText("basic"));
        copy(values, "name", tenant.path("name"));
        copy(values, "admin_contact_email", tenant.path("admin_contact_email"));
        copy(values, "servicedesk_url", tenant.path("servicedesk_url"));
        copy(values, "servicedesk_edition", tenant.path("servicedesk_edition"));
        copy(values, "webhook_auth.mode", tenant.path("webhook_auth").path("mode"));
        copy(values, "servicedesk_msp.gate_account", tenant.path("servicedesk_msp").path("gate_account"));
        copy(values, "servicedesk_msp.gate_site", tenant.path("servicedesk_msp").path("gate_site"));
        return new OnboardingForm(values, true);
    }

    public static OnboardingForm submitted(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        for (Field field : FIELDS) {
            String value = form.getFirst(field.name());
            values.put(field.name(), value == null ? "" : value.trim());
        }
        String key = form.getFirst("idempotency_key");
        values.put("idempotency_key", key == null || key.isBlank() ? newKey() : key.trim());
        return new OnboardingForm(values, "true".equals(form.getFirst("resuming")));
    }

    public boolean resuming() {
        return resuming;
    }

    public String edition() {
        return values.getOrDefault("servicedesk_edition", "onprem");
    }

    /** provisioning-service's body: empty fields left out, so the API's own defaults and rules apply. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotency_key", values.get("idempotency_key"));
        for (Field field : FIELDS) {
            String value = values.get(field.name());
            if (value == null || value.isEmpty()) {
                continue;
            }
            String[] path = field.name().split("\\.");
            if (path.length == 1) {
                body.put(path[0], value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) body.computeIfAbsent(path[0], k -> new LinkedHashMap<>());
                nested.put(path[1], value);
            }
        }
        if (!body.containsKey("servicedesk_credentials")) {
            body.put("servicedesk_credentials", Map.of()); // refused by the API with its own message
        }
        return body;
    }

    /**
     * The API's refusal: each field error is put next to its input (an error on a nested field the form
     * has no input for goes to its parent, then to the list above the form); returns that list.
     */
    public List<String> refused(JsonNode error) {
        List<String> general = new ArrayList<>();
        for (JsonNode field : error.path("fields")) {
            String name = field.path("field").asText();
            String message = field.path("message").asText();
            String target = target(name);
            if (target == null) {
                general.add((name.isEmpty() ? "" : name + ": ") + message);
            } else {
                errors.merge(target, message, (a, b) -> a + "; " + b);
            }
        }
        if (errors.isEmpty() && general.isEmpty()) {
            general.add(error.path("message").asText("provisioning-service refused the onboarding."));
        }
        return general;
    }

    private static String target(String name) {
        for (Field field : FIELDS) {
            if (field.name().equals(name)) {
                return name;
            }
        }
        if ("servicedesk_credentials".equals(name) || name.startsWith("servicedesk_credentials.")) {
            return "servicedesk_credentials.api_key";
        }
        if (name.startsWith("webhook_auth")) {
            return "webhook_auth.mode";
        }
        if (name.startsWith("servicedesk_msp")) {
            return "servicedesk_msp.gate_account";
        }
        return null;
    }

    /** The template's values: one entry per field, with its value (never a credential's) and error. */
    public Map<String, Object> model() {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field field : FIELDS) {
            Map<String, Object> row = new HashMap<>();
            String id = "f-" + field.name().replace('.', '-').replace('_', '-');
            row.put("id", id);
            row.put("name", field.name());
            row.put("label", field.label());
            row.put("required", field.required());
            row.put("hint", field.hint());
            boolean secret = "password".equals(field.type());
            String value = secret ? "" : values.getOrDefault(field.name(), "");
            if (field.type().startsWith("select:")) {
                List<Map<String, Object>> options = new ArrayList<>();
                for (String option : field.type().substring("select:".length()).split(",")) {
                    options.add(Map.of("value", option, "selected", option.equals(value)));
                }
                row.put("options", options);
                row.put("select", true);
            } else {
                row.put("type", field.type());
                row.put("value", value);
                row.put("secret", secret);
            }
            if (errors.containsKey(field.name())) {
                row.put("error", errors.get(field.name()));
                row.put("errorId", id + "-error");
            }
            fields.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("fields", fields);
        model.put("idempotencyKey", values.get("idempotency_key"));
        return model;
    }

    private static void copy(Map<String, String> values, String name, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            values.put(name, value.asText());
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "console-" + HexFormat.of().formatHex(bytes);
    }
}
