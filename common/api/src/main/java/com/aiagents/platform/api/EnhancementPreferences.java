package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a tenant wants its tickets enhanced (docs/api/tenant-service.md). Every key has a default;
 * tenant-service validates ranges and rejects unknown keys before a value reaches this type.
 */
public record EnhancementPreferences(
        @JsonProperty("context_sources") List<ContextSource> contextSources,
        @JsonProperty("output_format") OutputFormat outputFormat,
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("llm_model") String llmModel,
        @JsonProperty("include_confidence_score") boolean includeConfidenceScore,
        // IP addresses and host names masked too before anything reaches the LLM (personal data always is)
        @JsonProperty("mask_infrastructure") boolean maskInfrastructure) {

    public static final int MIN_TOKENS = 50;
    public static final int MAX_TOKENS = 4000;
    public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";

    public EnhancementPreferences {
        contextSources = contextSources == null ? List.of() : List.copyOf(contextSources);
    }

    public static EnhancementPreferences defaults() {
        return new EnhancementPreferences(
                List.of(ContextSource.TICKET_HISTORY, ContextSource.KB, ContextSource.MONITORING),
                OutputFormat.HTML, 500, DEFAULT_MODEL, true, false);
    }
}
