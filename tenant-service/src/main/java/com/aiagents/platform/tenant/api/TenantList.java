package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of {@code GET /v1/tenants}: each tenant as the record shows it, less what the listing does
 * not read (private networks, own LLM endpoint, onboarding id); the MSP fields included.
 */
public record TenantList(
        @JsonProperty("tenants") List<TenantView> tenants,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") int offset) {
}
