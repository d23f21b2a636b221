package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * SDP's reply envelope: {@code response_status} is an object in single replies and an array in
 * list replies; 2000 is success, failures say 4000 with the specific code in {@code messages[]}.
 */
public final class SdpEnvelopes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdpEnvelopes() {
    }

    public static ObjectNode success() {
        ObjectNode root = NODES.objectNode();
        root.set("response_status", successStatus());
        return root;
    }

    public static ObjectNode single(String key, JsonNode value) {
        ObjectNode root = NODES.objectNode();
        root.set(key, value);
        root.set("response_status", successStatus());
        return root;
    }

    public static ObjectNode list(String key, List<ObjectNode> items, Page<?> page, ListInfo asked) {
        ObjectNode root = NODES.objectNode();
        root.putArray(key).addAll(items);
        ObjectNode listInfo = root.putObject("list_info")
                .put("has_more_rows", page.hasMoreRows())
                .put("start_index", page.startIndex())
                .put("row_count", items.size());
        if (asked.sortField() != null) {
            listInfo.put("sort_field", asked.sortField()).put("sort_order", asked.descending() ? "desc" : "asc");
        }
        if (asked.totalCount()) {
            listInfo.put("total_count", page.totalCount());
        }
        root.putArray("response_status").add(successStatus());
        return root;
    }

    /** @param listShape whether to answer with the array form of a list reply */
    public static ObjectNode failure(int sdpCode, String message, String field, boolean listShape) {
        ObjectNode status = NODES.objectNode().put("status_code", 4000).put("status", "failed");
        ObjectNode detail = status.putArray("messages").addObject()
                .put("status_code", sdpCode)
                .put("type", "failed")
                .put("message", message);
        if (field != null) {
            detail.put("field", field);
        }
        ObjectNode root = NODES.objectNode();
        if (listShape) {
            ArrayNode array = root.putArray("response_status");
            array.add(status);
        } else {
            root.set("response_status", status);
        }
        return root;
    }

    private static ObjectNode successStatus() {
        return NODES.objectNode().put("status_code", 2000).put("status", "success");
    }
}
