package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.RequestQuery;
import com.aiagents.platform.sdpsim.core.SearchCriterion;
import java.util.List;

/**
 * A parsed {@code list_info}. {@code sortField} is null when the caller gave none (notes ignore
 * ordering and criteria).
 */
public record ListInfo(int startIndex, int rowCount, String sortField, boolean descending, boolean totalCount,
                       List<SearchCriterion> criteria) {

    public RequestQuery toRequestQuery() {
        return new RequestQuery(startIndex, rowCount, sortField == null ? RequestQuery.DEFAULT_SORT_FIELD : sortField,
                sortField == null || descending, criteria);
    }
}
