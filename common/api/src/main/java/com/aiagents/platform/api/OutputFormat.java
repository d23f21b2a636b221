package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Format of the note posted to SDP. */
public enum OutputFormat {
    @JsonProperty("html") HTML,
    @JsonProperty("markdown") MARKDOWN,
    @JsonProperty("text") TEXT;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static OutputFormat fromWire(String value) {
        return WireEnum.parse(OutputFormat.class, "output_format", value);
    }
}
