package com.aiagents.platform.sdpsim.core;

import java.time.Instant;

/** One note on a request. */
public record StoredNote(String id, String requestId, String description, boolean showToRequester,
                         boolean markFirstResponse, boolean addToLinkedRequests, boolean notifyTechnician,
                         String addedBy, Instant addedAt) {
}
