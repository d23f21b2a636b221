package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a ticket's context (similar tickets, KB, inventory) may come from: the ticket's own
 * customer account ({@code account}, the default for MSP tenants) or the whole tenant.
 */
public enum ContextScope {
    @JsonProperty("tenant") TENANT,
    @JsonProperty("account") ACCOUNT;

    public String wireName() {
        return WireEnum.wireName(this);
    }

    public static ContextScope fromWire(String value) {
        return WireEnum.parse(ContextScope.class, "context_scope", value);
    }

    /** {@code account} for MSP tenants, {@code tenant} for the others. */
    public static ContextScope defaultFor(ServicedeskEdition edition) {
        return edition == ServicedeskEdition.MSP ? ACCOUNT : TENANT;
    }
}
