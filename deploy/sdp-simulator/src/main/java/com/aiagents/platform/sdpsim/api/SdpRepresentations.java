package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.Edition;
import com.aiagents.platform.sdpsim.core.SdpCatalog;
import com.aiagents.platform.sdpsim.core.StoredNote;
import com.aiagents.platform.sdpsim.core.StoredRequest;
import com.aiagents.platform.sdpsim.core.StoredResolution;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Requests, notes and resolutions in SDP v3's JSON shape: string ids, times as
 * {@code {"display_value", "value"}} with epoch milliseconds as a string, and the many nested
 * objects real replies carry as null.
 */
public final class SdpRepresentations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("MMM d, yyyy hh:mm a", Locale.US).withZone(ZoneOffset.UTC);
    private static final int SHORT_DESCRIPTION_LENGTH = 100;
    private static final String[] ALWAYS_NULL = {"group", "mode", "level", "urgency", "impact", "request_type",
        "udf_fields", "due_by_time", "first_response_due_by_time"};

    private SdpRepresentations() {
    }

    /** @param full single replies carry the description; list rows only a short plain-text one */
    public static ObjectNode request(StoredRequest r, boolean full) {
        ObjectNode node = NODES.objectNode()
                .put("id", r.id())
                .put("display_id", r.displayId())
                .put("subject", r.subject());
        if (full) {
            node.put("description", r.description());
        }
        node.put("short_description", shortText(r.description()));
        node.set("status", catalogEntry(SdpCatalog.status(r.status())));
        node.set("priority", catalogEntry(SdpCatalog.priority(r.priority())));
        node.set("requester", user(r.requester().name(), r.requester().email()));
        node.set("technician", r.technician() == null ? NullNode.instance : user(r.technician(), null));
        node.set("category", r.category() == null ? NullNode.instance
                : NODES.objectNode().put("id", derivedId(r.category())).put("name", r.category()));
        node.set("template", NODES.objectNode().put("id", "123640000000006655").put("name", "Default Request"));
        node.set("site", named(r.site()));
        if (r.account() != null) {
            // only the MSP edition has accounts; its requests always name theirs
            node.set("account", named(r.account()));
        }
        for (String field : ALWAYS_NULL) {
            node.putNull(field);
        }
        node.set("created_time", time(r.createdAt()));
        node.set("last_updated_time", time(r.updatedAt()));
        node.set("resolved_time", time(r.resolvedAt()));
        node.put("is_service_request", false);
        return node;
    }

    public static ObjectNode note(StoredNote n, Edition edition) {
        ObjectNode node = NODES.objectNode()
                .put("id", n.id())
                .put("description", n.description())
                .put("show_to_requester", n.showToRequester())
                .put("mark_first_response", n.markFirstResponse())
                .put("add_to_linked_requests", n.addToLinkedRequests());
        if (edition == Edition.CLOUD) {
            node.put("notify_technician", n.notifyTechnician());
        }
        node.set("added_by", user(n.addedBy(), null));
        node.set("added_time", time(n.addedAt()));
        node.putNull("last_updated_by");
        node.putNull("last_updated_time");
        return node;
    }

    /** {@code content} is null when the request has no resolution, as in SDP. */
    public static ObjectNode resolution(StoredResolution resolution) {
        ObjectNode node = NODES.objectNode();
        if (resolution == null) {
            return node.putNull("content").putNull("submitted_on").putNull("submitted_by");
        }
        node.put("content", resolution.content());
        node.set("submitted_on", time(resolution.submittedAt()));
        node.set("submitted_by", user(resolution.submittedBy(), null));
        node.putArray("resolution_attachments");
        return node;
    }

    static JsonNode time(Instant instant) {
        if (instant == null) {
            return NullNode.instance;
        }
        return NODES.objectNode()
                .put("display_value", DISPLAY.format(instant))
                .put("value", Long.toString(instant.toEpochMilli()));
    }

    private static ObjectNode user(String name, String email) {
        ObjectNode node = NODES.objectNode().put("id", derivedId(email != null ? email : name)).put("name", name);
        node.put("email_id", email);
        node.put("is_vipuser", false);
        return node;
    }

    private static JsonNode named(String name) {
        return name == null ? NullNode.instance : NODES.objectNode().put("id", derivedId(name)).put("name", name);
    }

    private static JsonNode catalogEntry(Optional<SdpCatalog.Entry> entry) {
        return entry.<JsonNode>map(e -> NODES.objectNode().put("id", e.id()).put("name", e.name()).put("color", e.color()))
                .orElse(NullNode.instance);
    }

    /** A stable SDP-shaped id for things we do not store as entities (people, categories). */
    private static String derivedId(String key) {
        return String.format(Locale.ROOT, "1236400000001%05d", Math.floorMod(String.valueOf(key).hashCode(), 100_000));
    }

    private static String shortText(String html) {
        if (html == null) {
            return null;
        }
        String text = html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return text.length() <= SHORT_DESCRIPTION_LENGTH ? text : text.substring(0, SHORT_DESCRIPTION_LENGTH);
    }
}
