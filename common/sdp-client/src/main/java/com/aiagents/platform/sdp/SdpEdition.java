package com.aiagents.platform.sdp;

/** The ServiceDesk Plus editions; they differ in authentication, the note wrapper and accounts. */
public enum SdpEdition {
    /** Self-hosted: technician API key in the {@code authtoken} header, notes wrapped in {@code "note"}. */
    ONPREM,
    /** ManageEngine cloud: Zoho OAuth access token, notes wrapped in {@code "request_note"}. */
    CLOUD,
    /**
     * ServiceDesk Plus MSP: self-hosted like {@link #ONPREM} (API key, {@code "note"}), but one instance
     * holds many customer accounts, each with sites, and a request cannot be created without an account.
     */
    MSP
}
