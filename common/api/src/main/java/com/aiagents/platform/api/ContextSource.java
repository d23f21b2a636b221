package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the worker gathers context from. */
public enum ContextSource {
    @JsonProperty("ticket_history") TICKET_HISTORY,
    @JsonProperty("kb") KB,
    @JsonProperty("monitoring") MONITORING;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static ContextSource fromWire(String value) {
        return WireEnum.parse(ContextSource.class, "context_sources", value);
    }
}
