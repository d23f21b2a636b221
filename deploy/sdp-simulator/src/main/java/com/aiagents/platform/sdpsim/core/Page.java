package com.aiagents.platform.sdpsim.core;

import java.util.List;

/** One page of a list, with what SDP's {@code list_info} reports about it. */
public record Page<T>(List<T> items, boolean hasMoreRows, int startIndex, int totalCount) {

    /** Rows {@code startIndex .. startIndex + rowCount - 1} (1-based) of {@code all}. */
    public static <T> Page<T> of(List<T> all, int startIndex, int rowCount) {
        int from = Math.min(all.size(), startIndex - 1);
        int to = Math.min(all.size(), from + rowCount);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size(), startIndex, all.size());
    }
}
