package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which ServiceDesk Plus flavour a tenant runs; decides auth headers and note shape. {@code msp}
 * (ServiceDesk Plus MSP) authenticates like on-prem, and its requests belong to customer accounts.
 */
public enum ServicedeskEdition {
    @JsonProperty("onprem") ONPREM,
    @JsonProperty("cloud") CLOUD,
    @JsonProperty("msp") MSP;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static ServicedeskEdition fromWire(String value) {
        return WireEnum.parse(ServicedeskEdition.class, "servicedesk_edition", value);
    }
}
