package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One enhancement (a ticket event's row in {@code enhancement_history}) as the console shows it,
 * with the technicians' votes on its note ({@code enhancement_feedback}) and the note's text as it was
 * posted to SDP ({@code note}: null before the posting started, and for rows older than migration V26).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnhancementView(
        @JsonProperty("id") long id,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("ticket_id") String ticketId,
        @JsonProperty("status") String status,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("posted_at") Instant postedAt,
        @JsonProperty("note_marker") String noteMarker,
        @JsonProperty("sdp_note_id") String sdpNoteId,
        @JsonProperty("synthesizer") String synthesizer,
        @JsonProperty("model") String model,
        @JsonProperty("composed_prompt_sha256") String composedPromptSha256,
        @JsonProperty("error") String error,
        @JsonProperty("note") String note,
        @JsonProperty("feedback") Feedback feedback) {

    /** Votes on the note: one per enhancement, the latest click counting (docs/feedback.md). */
    public record Feedback(@JsonProperty("helpful") long helpful, @JsonProperty("not_helpful") long notHelpful) {
    }
}
