package com.aiagents.platform.localrun;

import java.util.Map;

/**
 * What the demo did: the tenant's status at the end, the rows seeded per table, the simulator's
 * SDP instance and the ticket raised there (null when the simulator is not running), and the note
 * read back from that ticket (null when none arrived).
 */
public record DemoResult(String tenantId, String tenantStatus, Map<String, Integer> seeded, String servicedeskUrl,
                         String ticketId, String noteHtml, String sdpApiKey) {

    public boolean noteArrived() {
        return noteHtml != null;
    }

    @Override
    public String toString() {
        return "DemoResult[tenant=" + tenantId + ", status=" + tenantStatus + ", seeded=" + seeded + ", servicedesk="
                + servicedeskUrl + ", ticket=" + ticketId + ", noteArrived=" + noteArrived() + ", sdpApiKey redacted]";
    }
}
