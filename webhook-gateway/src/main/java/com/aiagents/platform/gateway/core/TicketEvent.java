package com.aiagents.platform.gateway.core;

/** What the worker needs from a webhook body: which ticket, and which kind of event. */
public record TicketEvent(String ticketId, String event) {
}
