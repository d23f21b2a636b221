package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which ServiceDesk Plus flavour a tenant runs; decides auth headers and note shape. */
public enum ServicedeskEdition {
    @JsonProperty("onprem") ONPREM,
    @JsonProperty("cloud") CLOUD;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static ServicedeskEdition fromWire(String value) {
        return WireEnum.parse(ServicedeskEdition.class, "servicedesk_edition", value);
    }
}
