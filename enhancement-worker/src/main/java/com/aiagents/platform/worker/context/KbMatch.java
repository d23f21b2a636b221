package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A KB article that matches the ticket, with its steps (numbered or bulleted lines, else sentences).
 *
 * @param meaning cosine of the article's and the ticket's sentence embeddings (4 decimals); 0 when
 *                not known (full-text retrieval only, or the article not embedded yet)
 */
public record KbMatch(
        @JsonProperty("article_id") String articleId,
        @JsonProperty("title") String title,
        @JsonProperty("steps") List<String> steps,
        @JsonProperty("rank") double rank,
        @JsonProperty("meaning") double meaning) {

    public KbMatch(String articleId, String title, List<String> steps, double rank) {
        this(articleId, title, steps, rank, 0.0);
    }
}
