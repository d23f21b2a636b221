package com.aiagents.platform.sdp.model;

import java.time.Instant;

/**
 * A ServiceDesk Plus request (ticket) as the platform needs it. Every field but {@code id} may be
 * null: SDP leaves many fields and nested objects out or null, and list replies carry fewer fields
 * than single ones (there {@code descriptionHtml} is usually null and {@code shortDescription} set).
 *
 * @param id               SDP's long numeric id, as a string ({@code "123640000000240013"})
 * @param displayId        the short id people see ({@code "42"})
 * @param status           status name ({@code "Open"}, {@code "Resolved"}...)
 * @param priority         priority name
 * @param resolvedAt       when it was resolved, if it was
 * @param account          MSP edition: the customer account's name (null on the other editions)
 * @param site             MSP edition: the account's site name
 */
public record SdpRequest(
        String id,
        String displayId,
        String subject,
        String descriptionHtml,
        String shortDescription,
        String status,
        String priority,
        String requesterName,
        String requesterEmail,
        String technicianName,
        String groupName,
        String category,
        Instant createdAt,
        Instant updatedAt,
        Instant resolvedAt,
        String account,
        String site) {
}
