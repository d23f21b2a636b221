package com.aiagents.platform.worker.db;

import java.time.Instant;

/**
 * A row of {@code ticket_history}: a past ticket, with its resolution when it was resolved, and on
 * ServiceDesk Plus MSP the customer account it belongs to (null elsewhere).
 */
public record TicketRecord(String ticketId, String subject, String description, String resolution, String category,
                           String priority, String status, String source, Instant resolvedAt, String account) {

    public TicketRecord(String ticketId, String subject, String description, String resolution, String category,
                        String priority, String status, String source, Instant resolvedAt) {
        this(ticketId, subject, description, resolution, category, priority, status, source, resolvedAt, null);
    }
}
