package com.aiagents.platform.sdpsim.core;

/**
 * A request to open, as parsed from {@code input_data}. Status and priority are canonical names
 * or null for the defaults; {@code resolution} is optional resolution text.
 */
public record RequestDraft(String subject, String description, Requester requester, String priority,
                           String status, String resolution) {
}
