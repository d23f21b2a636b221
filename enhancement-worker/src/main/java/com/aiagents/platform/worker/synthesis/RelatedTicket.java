package com.aiagents.platform.worker.synthesis;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A related ticket as the note lists it: its id and why it is related. */
public record RelatedTicket(@JsonProperty("ticket_id") String ticketId, @JsonProperty("reason") String reason) {
}
