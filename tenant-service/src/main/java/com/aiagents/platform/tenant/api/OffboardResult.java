package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * Where an offboarding stands: {@code offboarding} with the end of its grace period (nothing deleted
 * yet), or {@code offboarded}/{@code purged} with the rows deleted per tenant-scoped table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OffboardResult(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("status") String status,
        @JsonProperty("rows_deleted") Map<String, Integer> rowsDeleted,
        @JsonProperty("erase_after") Instant eraseAfter) {

    public OffboardResult(String tenantId, String status, Map<String, Integer> rowsDeleted) {
        this(tenantId, status, rowsDeleted, null);
    }
}
