package com.aiagents.platform.worker.api;

import static com.aiagents.platform.worker.api.StoredText.NO_NUL;
import static com.aiagents.platform.worker.api.StoredText.NO_NUL_MESSAGE;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** One KB article of a bulk load; {@code account}: the MSP customer account it belongs to (optional). */
public record KbArticleInput(
        @JsonProperty("article_id") @NotBlank @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String articleId,
        @JsonProperty("title") @NotBlank @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String title,
        @JsonProperty("content") @NotBlank @Size(max = 100_000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String content,
        @JsonProperty("tags") @Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String> tags,
        @JsonProperty("account") @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String account) {
}
