package com.aiagents.platform.sdpsim.core;

import java.time.Instant;

/**
 * One request as the simulator keeps it; immutable, replaced on every change. {@code account} and
 * {@code site} are set on MSP instances only.
 */
public record StoredRequest(String id, String displayId, String subject, String description, String status,
                            String priority, Requester requester, String technician, String category,
                            Instant createdAt, Instant updatedAt, Instant resolvedAt,
                            StoredResolution resolution, String account, String site) {

    /** The same request, with other ids (seeded history) and in {@code account}/{@code site}. */
    StoredRequest withIds(String newId, String newDisplayId) {
        return new StoredRequest(newId, newDisplayId, subject, description, status, priority, requester, technician,
                category, createdAt, updatedAt, resolvedAt, resolution, account, site);
    }
}
