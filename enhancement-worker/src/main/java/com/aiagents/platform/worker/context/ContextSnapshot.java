package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the tenant's context holds at one moment: how many rows of each source and a fingerprint
 * (SHA-256) over their content, plus the tenant's resolved tickets the determinism probe may use
 * as its ticket. Equal data gives an equal snapshot; one changed row changes the fingerprint.
 */
public record ContextSnapshot(
        @JsonProperty("ticket_history") long ticketHistory,
        @JsonProperty("resolved_tickets") long resolvedTickets,
        @JsonProperty("kb_articles") long kbArticles,
        @JsonProperty("inventory") long inventory,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonIgnore List<TicketText> probeCandidates) {

    public ContextSnapshot {
        probeCandidates = List.copyOf(probeCandidates);
    }

    /** No history, no KB, no inventory: nothing the pipeline could draw on. */
    public boolean empty() {
        return ticketHistory == 0 && kbArticles == 0 && inventory == 0;
    }
}
