package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A resolved ticket of the same tenant that resembles the current one.
 *
 * @param similarity share of the current ticket's search terms this ticket contains, 0..1
 * @param rank       PostgreSQL's ts_rank, rounded to 6 decimals (for stable hashes)
 */
public record SimilarTicket(
        @JsonProperty("ticket_id") String ticketId,
        @JsonProperty("subject") String subject,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("category") String category,
        @JsonProperty("matched_terms") List<String> matchedTerms,
        @JsonProperty("similarity") double similarity,
        @JsonProperty("rank") double rank) {
}
