package com.aiagents.platform.worker.synthesis;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The chat messages sent to the LLM; equal inputs give byte-equal prompts. */
public record Prompt(@JsonProperty("system") String system, @JsonProperty("user") String user) {
}
