package com.aiagents.platform.tenant.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field-level checks of operator input. Each records an error and returns null when invalid. */
final class Checks {
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private static final Pattern MODEL = Pattern.compile("^[A-Za-z0-9._:/-]{1,100}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Checks() {
    }

    static String name(JsonNode node, String field, FieldErrors errors) {
        String value = text(node, field, errors);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200 || CONTROL.matcher(trimmed).find()) {
            errors.add(field, "must be 1 to 200 printable characters");
            return null;
        }
        return trimmed;
    }

    static String email(JsonNode node, String field, FieldErrors errors) {
        String value = text(node, field, errors);
        if (value == null) {
            return null;
        }
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            errors.add(field, "must be an e-mail address like admin@example.com");
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** An absolute http(s) URL with a host, no credentials, query or fragment; no trailing slash. */
    static String httpUrl(JsonNode node, String field, FieldErrors errors) {
        String value = text(node, field, errors);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = value.length() <= 2048 && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && uri.getUserInfo() == null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (ok) {
                return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        } catch (URISyntaxException ignored) {
            // reported below, without the value
        }
        errors.add(field, "must be an absolute http(s) URL with a host and no credentials, query or fragment");
        return null;
    }

    /** A credential value: present, 1..4096 printable characters. Never echoed. */
    static String secret(JsonNode node, String field, FieldErrors errors) {
        if (node == null || node.isNull()) {
            errors.add(field, "is required");
            return null;
        }
        String value = text(node, field, errors);
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 4096 || CONTROL.matcher(value).find()) {
            errors.add(field, "must be 1 to 4096 printable characters");
            return null;
        }
        return value;
    }

    static int intInRange(JsonNode node, String field, int min, int max, FieldErrors errors) {
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()
                || node.asInt() < min || node.asInt() > max) {
            errors.add(field, "must be an integer from " + min + " to " + max);
            return min;
        }
        return node.asInt();
    }

    static String modelName(JsonNode node, String field, FieldErrors errors) {
        String value = text(node, field, errors);
        if (value == null) {
            return null;
        }
        if (!MODEL.matcher(value).matches()) {
            errors.add(field, "must be a model name like openai/gpt-4o-mini (letters, digits, . _ : / -)");
            return null;
        }
        return value;
    }

    /** A field name safe to put in an error: unknown keys are attacker-chosen. */
    static String printable(String key) {
        String cleaned = key.replaceAll("[^A-Za-z0-9_.-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }

    private static String text(JsonNode node, String field, FieldErrors errors) {
        if (node == null || !node.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        return node.asText();
    }
}
