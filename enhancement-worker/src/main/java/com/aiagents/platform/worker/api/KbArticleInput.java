package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** One KB article of a bulk load. */
public record KbArticleInput(
        @JsonProperty("article_id") @NotBlank @Size(max = 200) String articleId,
        @JsonProperty("title") @NotBlank @Size(max = 500) String title,
        @JsonProperty("content") @NotBlank @Size(max = 100_000) String content,
        @JsonProperty("tags") @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags) {
}
