package com.aiagents.platform.sdp.json;

import com.aiagents.platform.sdp.SdpEdition;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpSearchCriterion;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes the {@code input_data} JSON that SDP v3 takes as a query parameter or form field. */
public final class SdpInputData {

    private final ObjectMapper json;

    public SdpInputData(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"list_info": {...}}}. */
    public String listInfo(SdpListQuery query) {
        ObjectNode listInfo = json.createObjectNode()
                .put("row_count", query.rowCount())
                .put("start_index", query.startIndex());
        if (query.sortField() != null) {
            listInfo.put("sort_field", query.sortField());
        }
        if (query.sortOrder() != null) {
            listInfo.put("sort_order", query.sortOrder().wireName());
        }
        if (query.getTotalCount()) {
            listInfo.put("get_total_count", true);
        }
        if (!query.searchCriteria().isEmpty()) {
            listInfo.set("search_criteria", criteria(query.searchCriteria()));
        }
        ObjectNode root = json.createObjectNode();
        root.set("list_info", listInfo);
        return write(root);
    }

    /** {@code {"request": {"subject", "description", "requester": {...}, ...}}}, nulls left out. */
    public String newRequest(NewSdpRequest r) {
        ObjectNode request = json.createObjectNode().put("subject", r.subject());
        putIfPresent(request, "description", r.descriptionHtml());
        if (r.requesterName() != null || r.requesterEmail() != null) {
            ObjectNode requester = request.putObject("requester");
            putIfPresent(requester, "name", r.requesterName());
            putIfPresent(requester, "email_id", r.requesterEmail());
        }
        if (r.priority() != null) {
            request.putObject("priority").put("name", r.priority());
        }
        if (r.status() != null) {
            request.putObject("status").put("name", r.status());
        }
        if (r.account() != null) {
            request.putObject("account").put("name", r.account());
        }
        if (r.site() != null) {
            request.putObject("site").put("name", r.site());
        }
        ObjectNode root = json.createObjectNode();
        root.set("request", request);
        return write(root);
    }

    /** On-prem {@code {"note": {...}}}; cloud {@code {"request_note": {..., "notify_technician"}}}. */
    public String note(SdpEdition edition, NewSdpNote n) {
        ObjectNode note = json.createObjectNode()
                .put("description", n.descriptionHtml())
                .put("show_to_requester", n.showToRequester())
                .put("mark_first_response", n.markFirstResponse())
                .put("add_to_linked_requests", n.addToLinkedRequests());
        if (edition == SdpEdition.CLOUD) {
            note.put("notify_technician", n.notifyTechnician());
        }
        ObjectNode root = json.createObjectNode();
        root.set(noteWrapper(edition), note);
        return write(root);
    }

    public static String noteWrapper(SdpEdition edition) {
        return edition == SdpEdition.CLOUD ? "request_note" : "note";
    }

    private ArrayNode criteria(List<SdpSearchCriterion> criteria) {
        ArrayNode array = json.createArrayNode();
        for (int i = 0; i < criteria.size(); i++) {
            SdpSearchCriterion c = criteria.get(i);
            ObjectNode entry = array.addObject().put("field", c.field()).put("condition", c.condition());
            if (c.values().size() == 1) {
                entry.put("value", c.values().get(0));
            } else {
                c.values().forEach(entry.putArray("values")::add);
            }
            if (i > 0) {
                entry.put("logical_operator", c.logicalOperator());
            }
        }
        return array;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write input_data", e);
        }
    }
}
