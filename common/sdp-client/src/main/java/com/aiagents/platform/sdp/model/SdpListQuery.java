package com.aiagents.platform.sdp.model;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code list_info} of a list call. Immutable; the {@code with...} methods return a changed copy.
 *
 * @param startIndex    1-based index of the first row
 * @param rowCount      rows per page, 1..100 (SDP's maximum)
 * @param sortField     e.g. {@code created_time}; null for SDP's default order
 */
public record SdpListQuery(int startIndex, int rowCount, String sortField, SdpSortOrder sortOrder,
                           boolean getTotalCount, List<SdpSearchCriterion> searchCriteria) {

    public static final int MAX_ROW_COUNT = 100;

    public SdpListQuery {
        if (startIndex < 1) {
            throw new IllegalArgumentException("startIndex is 1-based, got " + startIndex);
        }
        if (rowCount < 1 || rowCount > MAX_ROW_COUNT) {
            throw new IllegalArgumentException("rowCount must be 1.." + MAX_ROW_COUNT + ", got " + rowCount);
        }
        searchCriteria = List.copyOf(searchCriteria);
    }

    /** The first page of {@code rowCount} rows in SDP's default order. */
    public static SdpListQuery firstPage(int rowCount) {
        return new SdpListQuery(1, rowCount, null, null, false, List.of());
    }

    public SdpListQuery where(SdpSearchCriterion criterion) {
        List<SdpSearchCriterion> all = new ArrayList<>(searchCriteria);
        all.add(criterion);
        return new SdpListQuery(startIndex, rowCount, sortField, sortOrder, getTotalCount, all);
    }

    public SdpListQuery sortedBy(String field, SdpSortOrder order) {
        return new SdpListQuery(startIndex, rowCount, field, order, getTotalCount, searchCriteria);
    }

    public SdpListQuery withTotalCount() {
        return new SdpListQuery(startIndex, rowCount, sortField, sortOrder, true, searchCriteria);
    }

    public SdpListQuery startingAt(int index) {
        return new SdpListQuery(index, rowCount, sortField, sortOrder, getTotalCount, searchCriteria);
    }

    /** The query for the page after {@code page}. */
    public SdpListQuery after(SdpPage<?> page) {
        return startingAt(page.nextStartIndex());
    }
}
