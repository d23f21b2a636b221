package com.aiagents.platform.sdp.model;

/**
 * A note to add. {@code notifyTechnician} exists only on the cloud edition and is not sent on-prem.
 */
public record NewSdpNote(String descriptionHtml, boolean showToRequester, boolean markFirstResponse,
                         boolean addToLinkedRequests, boolean notifyTechnician) {

    public NewSdpNote {
        if (descriptionHtml == null || descriptionHtml.isBlank()) {
            throw new IllegalArgumentException("a note needs a description");
        }
    }

    /** A note only technicians see, with no side effects on the request. */
    public static NewSdpNote internal(String descriptionHtml) {
        return new NewSdpNote(descriptionHtml, false, false, false, false);
    }
}
