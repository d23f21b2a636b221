package com.aiagents.platform.sdp.model;

/**
 * What {@code POST requests} needs to open a request. {@code priority} and {@code status} are
 * names ({@code "High"}, {@code "Open"}) and may be null to take SDP's defaults.
 */
public record NewSdpRequest(String subject, String descriptionHtml, String requesterName,
                            String requesterEmail, String priority, String status) {

    public NewSdpRequest {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is mandatory in SDP");
        }
    }

    public static NewSdpRequest of(String subject, String descriptionHtml, String requesterEmail) {
        return new NewSdpRequest(subject, descriptionHtml, null, requesterEmail, null, null);
    }
}
