package com.aiagents.platform.sdpsim.api;

import static com.aiagents.platform.sdpsim.api.SdpInputData.bool;
import static com.aiagents.platform.sdpsim.api.SdpInputData.object;
import static com.aiagents.platform.sdpsim.api.SdpInputData.text;

import com.aiagents.platform.sdpsim.core.Edition;
import com.aiagents.platform.sdpsim.core.NoteDraft;
import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code input_data} of adding a note: on-prem wrapped in {@code "note"}, cloud in
 * {@code "request_note"}. Strict on the wrapper, so a client that mixes editions up finds out here.
 */
public final class NoteInput {

    private final SdpInputData inputData;

    public NoteInput(SdpInputData inputData) {
        this.inputData = inputData;
    }

    public NoteDraft note(String raw, Edition edition) {
        ObjectNode note = object(inputData.root(raw, true), edition.noteWrapper(), true);
        String description = text(note, "description");
        if (description == null || description.isBlank()) {
            throw SdpApiError.missing("description");
        }
        return new NoteDraft(description, bool(note, "show_to_requester"), bool(note, "mark_first_response"),
                bool(note, "add_to_linked_requests"), edition == Edition.CLOUD && bool(note, "notify_technician"));
    }
}
