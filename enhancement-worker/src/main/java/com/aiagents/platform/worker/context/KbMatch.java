package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A KB article that matches the ticket, with its steps (numbered or bulleted lines, else sentences). */
public record KbMatch(
        @JsonProperty("article_id") String articleId,
        @JsonProperty("title") String title,
        @JsonProperty("steps") List<String> steps,
        @JsonProperty("rank") double rank) {
}
