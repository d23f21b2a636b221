package com.aiagents.platform.sdpsim.core;

/** A note to add, as parsed from {@code input_data}. */
public record NoteDraft(String description, boolean showToRequester, boolean markFirstResponse,
                        boolean addToLinkedRequests, boolean notifyTechnician) {
}
