package com.aiagents.platform.sdp.model;

/** {@code list_info.sort_order}. */
public enum SdpSortOrder {
    ASC("asc"), DESC("desc");

    private final String wireName;

    SdpSortOrder(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
