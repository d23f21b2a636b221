package com.aiagents.platform.sdpsim.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code list_info} for requests: paging, order and search criteria.
 *
 * @param startIndex 1-based
 */
public record RequestQuery(int startIndex, int rowCount, String sortField, boolean descending,
                           List<SearchCriterion> criteria) {

    public static final int DEFAULT_ROW_COUNT = 10;
    public static final int MAX_ROW_COUNT = 100;
    public static final String DEFAULT_SORT_FIELD = "created_time";

    private static final Comparator<String> BY_NUMBER = Comparator.comparingLong(Long::parseLong);
    private static final Map<String, Comparator<StoredRequest>> SORTS = Map.of(
            "created_time", Comparator.comparing(StoredRequest::createdAt),
            "last_updated_time", Comparator.comparing(StoredRequest::updatedAt),
            "resolved_time", Comparator.comparing(StoredRequest::resolvedAt, Comparator.nullsFirst(Comparator.naturalOrder())),
            "id", Comparator.comparing(StoredRequest::id, BY_NUMBER),
            "display_id", Comparator.comparing(StoredRequest::displayId, BY_NUMBER),
            "subject", Comparator.comparing(StoredRequest::subject, String.CASE_INSENSITIVE_ORDER));

    public static Set<String> sortFields() {
        return SORTS.keySet();
    }

    public RequestQuery {
        criteria = List.copyOf(criteria);
    }

    public boolean matches(StoredRequest request) {
        return SearchCriterion.matchAll(criteria, request);
    }

    /** The requested order, ties broken by id so pages never overlap. */
    public Comparator<StoredRequest> order() {
        Comparator<StoredRequest> primary = SORTS.get(sortField).thenComparing(StoredRequest::id, BY_NUMBER);
        return descending ? primary.reversed() : primary;
    }
}
