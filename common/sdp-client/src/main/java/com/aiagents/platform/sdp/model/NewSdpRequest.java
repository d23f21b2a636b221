package com.aiagents.platform.sdp.model;

/**
 * What {@code POST requests} needs to open a request. {@code priority} and {@code status} are
 * names ({@code "High"}, {@code "Open"}) and may be null to take SDP's defaults. {@code account} and
 * {@code site} are the MSP edition's customer account and site names (mandatory there, null elsewhere).
 */
public record NewSdpRequest(String subject, String descriptionHtml, String requesterName,
                            String requesterEmail, String priority, String status, String account, String site) {

    public NewSdpRequest {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is mandatory in SDP");
        }
    }

    public NewSdpRequest(String subject, String descriptionHtml, String requesterName,
                         String requesterEmail, String priority, String status) {
        this(subject, descriptionHtml, requesterName, requesterEmail, priority, status, null, null);
    }

    public static NewSdpRequest of(String subject, String descriptionHtml, String requesterEmail) {
        return new NewSdpRequest(subject, descriptionHtml, null, requesterEmail, null, null);
    }

    /** The same request, raised in an MSP customer account and site. */
    public NewSdpRequest inAccount(String accountName, String siteName) {
        return new NewSdpRequest(subject, descriptionHtml, requesterName, requesterEmail, priority, status,
                accountName, siteName);
    }
}
