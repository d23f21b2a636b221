package com.aiagents.platform.sdp;

/** The two ServiceDesk Plus editions; they differ in authentication and in the note wrapper. */
public enum SdpEdition {
    /** Self-hosted: technician API key in the {@code authtoken} header, notes wrapped in {@code "note"}. */
    ONPREM,
    /** ManageEngine cloud: Zoho OAuth access token, notes wrapped in {@code "request_note"}. */
    CLOUD
}
