package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tenant's service tier; premium tenants get their own namespace and queue. */
public enum Tier {
    @JsonProperty("basic") BASIC,
    @JsonProperty("premium") PREMIUM;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static Tier fromWire(String value) {
        return WireEnum.parse(Tier.class, "tier", value);
    }
}
