package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.worker.synthesis.StageHash;

/**
 * What makes an update event new: the ticket fields that shape an enhancement, as fetched from SDP
 * (subject, description, category, priority, status), hashed. Not {@code last_updated_time}, nor
 * the notes: our own note moves those, and an update that followed it would loop. Update webhooks
 * often carry only the ticket id, so their bodies cannot tell one update from the next either.
 */
public final class ContentFingerprint {
    private ContentFingerprint() {
    }

    public static String of(SdpRequest request) {
        String description = request.descriptionHtml() != null ? request.descriptionHtml() : request.shortDescription();
        return StageHash.sha256(String.join("\n", field("subject", request.subject()), field("description", description),
                field("category", request.category()), field("priority", request.priority()),
                field("status", request.status())));
    }

    /** The event key of an update carrying this content: one note per distinct content of a ticket. */
    public static String updateEventKey(TenantId tenant, String ticketId, String fingerprint) {
        return StageHash.sha256(tenant.value() + "\n" + ticketId + "\ncontent\n" + fingerprint);
    }

    private static String field(String name, String value) {
        String text = value == null ? "" : value.strip();
        return name + "=" + text.length() + ":" + text;
    }
}
