package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle of a tenant (docs/api/tenant-service.md). */
public enum TenantStatus {
    @JsonProperty("onboarding") ONBOARDING,
    @JsonProperty("configured") CONFIGURED,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("suspended") SUSPENDED,
    /** The grace period after an offboarding request: webhooks refused, data kept, restorable by an admin. */
    @JsonProperty("offboarding") OFFBOARDING,
    @JsonProperty("offboarded") OFFBOARDED;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static TenantStatus fromWire(String value) {
        return WireEnum.parse(TenantStatus.class, "status", value);
    }
}
