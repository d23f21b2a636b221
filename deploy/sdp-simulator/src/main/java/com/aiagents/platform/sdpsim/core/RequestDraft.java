package com.aiagents.platform.sdpsim.core;

/**
 * A request to open, as parsed from {@code input_data}. Status and priority are canonical names
 * or null for the defaults; {@code resolution} is optional resolution text; {@code account} and
 * {@code site} are names (MSP instances require them, the others ignore them).
 */
public record RequestDraft(String subject, String description, Requester requester, String priority,
                           String status, String resolution, String account, String site) {

    public RequestDraft(String subject, String description, Requester requester, String priority,
                        String status, String resolution) {
        this(subject, description, requester, priority, status, resolution, null, null);
    }

    /** The draft placed in {@code accountName}/{@code siteName} (null on non-MSP instances). */
    public RequestDraft placedIn(String accountName, String siteName) {
        return new RequestDraft(subject, description, requester, priority, status, resolution, accountName, siteName);
    }
}
