package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code input_data} JSON SDP takes as a form field or query parameter, and its members,
 * failing the way SDP does: 4012 for a missing mandatory field, 4001 for a value of the wrong kind.
 */
public final class SdpInputData {

    private final ObjectMapper json;

    public SdpInputData(ObjectMapper json) {
        this.json = json;
    }

    /** The parsed object; empty when absent and not required. */
    public ObjectNode root(String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw SdpApiError.missing("input_data");
            }
            return json.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw SdpApiError.badValue("input_data", "input_data is not valid JSON");
        }
        if (!parsed.isObject()) {
            throw SdpApiError.badValue("input_data", "input_data must be a JSON object");
        }
        return (ObjectNode) parsed;
    }

    public static ObjectNode object(ObjectNode parent, String field, boolean required) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw SdpApiError.missing(field);
            }
            return null;
        }
        if (!value.isObject()) {
            throw SdpApiError.badValue(field, field + " must be an object");
        }
        return (ObjectNode) value;
    }

    /** A string member; numbers and booleans are taken as their text. */
    public static String text(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw SdpApiError.badValue(field, field + " must be a string");
        }
        return value.asText();
    }

    /** {@code "priority": {"name": "High"}} as SDP writes it, or plainly {@code "priority": "High"}. */
    public static String name(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && value.isObject()) {
            return text((ObjectNode) value, "name");
        }
        return text(parent, field);
    }

    public static boolean bool(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && ("true".equalsIgnoreCase(value.asText()) || "false".equalsIgnoreCase(value.asText()))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw SdpApiError.badValue(field, field + " must be true or false");
    }

    /** An integer member in [min, max], or {@code fallback} when absent. */
    public static int integer(ObjectNode parent, String field, int fallback, int min, int max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        int parsed;
        if (value.isIntegralNumber()) {
            parsed = value.asInt();
        } else {
            try {
                parsed = Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                throw SdpApiError.badValue(field, field + " must be a number");
            }
        }
        if (parsed < min || parsed > max) {
            throw SdpApiError.badValue(field, field + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }
}
