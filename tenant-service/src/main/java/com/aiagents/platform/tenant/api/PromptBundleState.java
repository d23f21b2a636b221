package com.aiagents.platform.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A bundle as GET shows it: the version in production (what the worker uses), the draft waiting
 * to be published, and every version kept (newest first, without their sections).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PromptBundleState(
        @JsonProperty("tenant_id") @JsonInclude(JsonInclude.Include.NON_NULL) String tenantId,
        @JsonProperty("production") PromptBundleView production,
        @JsonProperty("draft") PromptBundleView draft,
        @JsonProperty("versions") List<VersionSummary> versions) {

    public record VersionSummary(@JsonProperty("version") int version, @JsonProperty("status") String status,
                                 @JsonProperty("created_by") String createdBy,
                                 @JsonProperty("published_at") @JsonInclude(JsonInclude.Include.ALWAYS) java.time.Instant publishedAt) {
    }
}
