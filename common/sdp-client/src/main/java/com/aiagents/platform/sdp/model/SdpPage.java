package com.aiagents.platform.sdp.model;

import java.util.List;

/**
 * One page of a list reply.
 *
 * @param items       the rows of this page
 * @param hasMoreRows SDP's {@code list_info.has_more_rows}
 * @param startIndex  the 1-based index of the first row of this page
 * @param totalCount  {@code list_info.total_count}, null unless asked for with {@code get_total_count}
 */
public record SdpPage<T>(List<T> items, boolean hasMoreRows, int startIndex, Long totalCount) {

    public SdpPage {
        items = List.copyOf(items);
    }

    /** The start index of the next page. */
    public int nextStartIndex() {
        return startIndex + items.size();
    }
}
