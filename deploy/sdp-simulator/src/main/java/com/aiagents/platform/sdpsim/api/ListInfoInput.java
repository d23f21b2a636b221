package com.aiagents.platform.sdpsim.api;

import static com.aiagents.platform.sdpsim.api.SdpInputData.bool;
import static com.aiagents.platform.sdpsim.api.SdpInputData.integer;
import static com.aiagents.platform.sdpsim.api.SdpInputData.object;
import static com.aiagents.platform.sdpsim.api.SdpInputData.text;

import com.aiagents.platform.sdpsim.core.RequestQuery;
import com.aiagents.platform.sdpsim.core.SearchCriterion;
import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code input_data={"list_info": {...}}} of list calls: paging, order and search criteria. */
public final class ListInfoInput {

    private static final String CRITERIA = "search_criteria";

    private final SdpInputData inputData;

    public ListInfoInput(SdpInputData inputData) {
        this.inputData = inputData;
    }

    /** @param ordered whether sort and search apply (requests) or only paging (notes) */
    public ListInfo parse(String raw, boolean ordered) {
        ObjectNode listInfo = object(inputData.root(raw, false), "list_info", false);
        if (listInfo == null) {
            return new ListInfo(1, RequestQuery.DEFAULT_ROW_COUNT, null, true, false, List.of());
        }
        int rowCount = integer(listInfo, "row_count", RequestQuery.DEFAULT_ROW_COUNT, 1, RequestQuery.MAX_ROW_COUNT);
        int startIndex = integer(listInfo, "start_index", 1, 1, Integer.MAX_VALUE);
        boolean totalCount = bool(listInfo, "get_total_count");
        if (!ordered) {
            return new ListInfo(startIndex, rowCount, null, false, totalCount, List.of());
        }
        return new ListInfo(startIndex, rowCount, sortField(listInfo), descending(listInfo), totalCount,
                criteria(listInfo.get(CRITERIA)));
    }

    private static String sortField(ObjectNode listInfo) {
        String field = text(listInfo, "sort_field");
        if (field != null && !RequestQuery.sortFields().contains(field)) {
            throw SdpApiError.badValue("sort_field", "cannot sort by '" + field + "'; use one of " + RequestQuery.sortFields());
        }
        return field;
    }

    private static boolean descending(ObjectNode listInfo) {
        String order = text(listInfo, "sort_order");
        if (order == null) {
            return true;
        }
        switch (order.toLowerCase(Locale.ROOT)) {
            case "asc":
                return false;
            case "desc":
                return true;
            default:
                throw SdpApiError.badValue("sort_order", "sort_order must be asc or desc");
        }
    }

    /** A single criterion object or an array of them. */
    private static List<SearchCriterion> criteria(JsonNode node) {
        List<SearchCriterion> criteria = new ArrayList<>();
        if (node == null || node.isNull()) {
            return criteria;
        }
        if (!node.isObject() && !node.isArray()) {
            throw SdpApiError.badValue(CRITERIA, "search_criteria must be an object or an array");
        }
        for (JsonNode entry : node.isArray() ? node : List.of(node)) {
            if (!entry.isObject()) {
                throw SdpApiError.badValue(CRITERIA, "each search criterion must be an object");
            }
            criteria.add(criterion((ObjectNode) entry));
        }
        return criteria;
    }

    private static SearchCriterion criterion(ObjectNode entry) {
        String field = text(entry, "field");
        if (field == null) {
            throw SdpApiError.missing("field");
        }
        String operator = text(entry, "logical_operator");
        if (operator != null && !operator.equalsIgnoreCase("AND") && !operator.equalsIgnoreCase("OR")) {
            throw SdpApiError.badValue("logical_operator", "logical_operator must be AND or OR");
        }
        try {
            return new SearchCriterion(field, text(entry, "condition") == null ? "is" : text(entry, "condition"),
                    values(entry), "OR".equalsIgnoreCase(operator));
        } catch (IllegalArgumentException e) {
            throw SdpApiError.badValue(CRITERIA, e.getMessage());
        }
    }

    private static List<String> values(ObjectNode entry) {
        List<String> values = new ArrayList<>();
        JsonNode many = entry.get("values");
        if (many != null && many.isArray()) {
            many.forEach(v -> values.add(v.asText()));
        }
        String one = text(entry, "value");
        if (one != null) {
            values.add(one);
        }
        return values;
    }
}
