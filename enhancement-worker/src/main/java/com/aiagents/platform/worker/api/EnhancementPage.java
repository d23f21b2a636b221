package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /v1/tenants/{tenant_id}/enhancements}: newest first; {@code next} is the {@code before}
 * cursor of the following page, null on the last one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnhancementPage(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("enhancements") List<EnhancementView> enhancements,
        @JsonProperty("next") String next) {
}
