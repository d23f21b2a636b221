package com.aiagents.platform.tenant.api;

import com.aiagents.platform.api.PromptSection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One version of a prompt bundle (docs/api/tenant-service.md#prompt-bundles). */
public record PromptBundleView(
        @JsonProperty("version") int version,
        @JsonProperty("status") String status,
        @JsonProperty("sections") List<PromptSection> sections,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("published_at") @JsonInclude(JsonInclude.Include.ALWAYS) Instant publishedAt) {
}
