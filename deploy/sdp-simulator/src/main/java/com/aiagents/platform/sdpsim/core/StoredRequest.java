package com.aiagents.platform.sdpsim.core;

import java.time.Instant;

/** One request as the simulator keeps it; immutable, replaced on every change. */
public record StoredRequest(String id, String displayId, String subject, String description, String status,
                            String priority, Requester requester, String technician, String category,
                            Instant createdAt, Instant updatedAt, Instant resolvedAt,
                            StoredResolution resolution) {
}
