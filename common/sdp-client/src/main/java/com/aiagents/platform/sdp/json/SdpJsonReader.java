package com.aiagents.platform.sdp.json;

import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpResolution;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SDP's JSON into the model, tolerantly: any field or nested object may be missing or null,
 * unknown fields are ignored, ids and times may come as strings or numbers. Only what we cannot
 * do without (an id, the list itself) is an {@link IllegalArgumentException}.
 */
public final class SdpJsonReader {

    private SdpJsonReader() {
    }

    public static SdpRequest request(JsonNode n) {
        return new SdpRequest(
                requiredId(n, "request"),
                text(n, "display_id"),
                text(n, "subject"),
                text(n, "description"),
                text(n, "short_description"),
                nestedText(n, "status", "name"),
                nestedText(n, "priority", "name"),
                nestedText(n, "requester", "name"),
                nestedText(n, "requester", "email_id"),
                nestedText(n, "technician", "name"),
                nestedText(n, "group", "name"),
                nestedText(n, "category", "name"),
                time(n, "created_time"),
                time(n, "last_updated_time"),
                time(n, "resolved_time"),
                nestedText(n, "account", "name"),
                nestedText(n, "site", "name"));
    }

    /** On-prem names the author and time {@code added_by}/{@code added_time}; some builds say {@code created_*}. */
    public static SdpNote note(JsonNode n) {
        String author = nestedText(n, "added_by", "name");
        Instant added = time(n, "added_time");
        return new SdpNote(
                requiredId(n, "note"),
                text(n, "description"),
                n.path("show_to_requester").asBoolean(false),
                author != null ? author : nestedText(n, "created_by", "name"),
                added != null ? added : time(n, "created_time"));
    }

    /** Empty when the node is missing or has no text: SDP sends {@code "content": null} then. */
    public static Optional<SdpResolution> resolution(JsonNode n) {
        String content = n == null ? null : text(n, "content");
        if (content == null || content.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new SdpResolution(content, time(n, "submitted_on"), nestedText(n, "submitted_by", "name")));
    }

    /**
     * A list reply: items under the first of {@code listKeys} present, paging from {@code list_info}.
     *
     * @param requestedStart the start index we asked for, used when SDP does not echo it
     */
    public static <T> SdpPage<T> page(JsonNode body, List<String> listKeys, Function<JsonNode, T> item,
                                      int requestedStart) {
        JsonNode array = null;
        for (String key : listKeys) {
            if (body.hasNonNull(key)) {
                array = body.get(key);
                break;
            }
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("list reply has no " + String.join("/", listKeys) + " array");
        }
        List<T> items = new ArrayList<>(array.size());
        array.forEach(element -> items.add(item.apply(element)));
        JsonNode listInfo = body.path("list_info");
        int start = listInfo.path("start_index").asInt(requestedStart);
        Long total = listInfo.hasNonNull("total_count") ? listInfo.get("total_count").asLong() : null;
        return new SdpPage<>(items, listInfo.path("has_more_rows").asBoolean(false), start, total);
    }

    static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    static String nestedText(JsonNode parent, String object, String field) {
        JsonNode nested = parent.get(object);
        return nested == null || !nested.isObject() ? null : text(nested, field);
    }

    /** {@code {"display_value": "...", "value": "1593000300533"}}; a bare number is accepted too. */
    static Instant time(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode millis = value.isObject() ? value.get("value") : value;
        if (millis == null || millis.isNull()) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(millis.isNumber() ? millis.asLong() : Long.parseLong(millis.asText().trim()));
        } catch (NumberFormatException notEpochMillis) {
            return null;
        }
    }

    private static String requiredId(JsonNode n, String what) {
        String id = n == null || !n.isObject() ? null : text(n, "id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " has no id");
        }
        return id;
    }
}
