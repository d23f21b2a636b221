package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.PromptSection;
import com.aiagents.platform.common.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PUT of a bundle: exactly {@code {"sections": [{"key", "text", "order"}, ...]}}, every problem
 * named in one 400, nothing stored unless all of it is valid. Keys are short slugs (the overlay
 * matches on them); texts are bounded so a composed prompt stays a small part of the model's budget.
 */
final class PromptBundleValidator {
    static final int MAX_SECTIONS = 50;
    static final int MAX_TEXT = 4000;
    static final int MAX_TOTAL_TEXT = 20_000;
    static final int MAX_ORDER = 100_000;
    private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");
    private static final Set<String> SECTION_FIELDS = Set.of("key", "text", "order");

    List<PromptSection> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the body must be {\"sections\": [{\"key\", \"text\", \"order\"}, ...]}");
        }
        FieldErrors errors = new FieldErrors();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"sections".equals(name)) {
                errors.add(name, "unknown field");
            }
        }
        JsonNode sections = body.get("sections");
        if (sections == null || !sections.isArray()) {
            errors.add("sections", "required: an array of {\"key\", \"text\", \"order\"}");
            errors.throwIfAny();
        }
        if (sections.size() > MAX_SECTIONS) {
            errors.add("sections", "at most " + MAX_SECTIONS + " sections");
            errors.throwIfAny();
        }
        List<PromptSection> parsed = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int total = 0;
        for (int i = 0; i < sections.size(); i++) {
            JsonNode s = sections.get(i);
            String at = "sections[" + i + "]";
            if (!s.isObject()) {
                errors.add(at, "must be an object {\"key\", \"text\", \"order\"}");
                continue;
            }
            for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!SECTION_FIELDS.contains(name)) {
                    errors.add(at + "." + name, "unknown field");
                }
            }
            JsonNode key = s.get("key");
            JsonNode text = s.get("text");
            JsonNode order = s.get("order");
            boolean ok = true;
            if (key == null || !key.isTextual() || !KEY.matcher(key.asText()).matches()) {
                errors.add(at + ".key", "required: 1-64 characters of a-z, 0-9, '_', '.', '-', starting with a letter or digit");
                ok = false;
            } else if (!keys.add(key.asText())) {
                errors.add(at + ".key", "duplicate key '" + key.asText() + "'");
                ok = false;
            }
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                errors.add(at + ".text", "required: non-empty text");
                ok = false;
            } else if (text.asText().length() > MAX_TEXT) {
                errors.add(at + ".text", "at most " + MAX_TEXT + " characters");
                ok = false;
            } else if (text.asText().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
                errors.add(at + ".text", "control characters other than newline and tab are not allowed");
                ok = false;
            }
            if (order == null || !order.isIntegralNumber() || order.asLong() < 0 || order.asLong() > MAX_ORDER) {
                errors.add(at + ".order", "required: an integer 0.." + MAX_ORDER);
                ok = false;
            }
            if (ok) {
                total += text.asText().length();
                parsed.add(new PromptSection(key.asText(), text.asText().strip(), order.asInt(), null));
            }
        }
        if (total > MAX_TOTAL_TEXT) {
            errors.add("sections", "the texts add up to more than " + MAX_TOTAL_TEXT + " characters");
        }
        errors.throwIfAny();
        return List.copyOf(parsed);
    }
}
