package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What offboarding removed: rows deleted per tenant-scoped table. */
public record OffboardResult(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("status") String status,
        @JsonProperty("rows_deleted") Map<String, Integer> rowsDeleted) {
}
