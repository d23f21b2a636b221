package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.RequestStore;
import com.aiagents.platform.sdpsim.core.StoredRequest;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One request in {@code GET /sim/instances/<name>/requests}: where it was raised (account and site
 * on MSP instances) and, once deleted over the SDP API, when. No description, notes or requester.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestRecordView(
        @JsonProperty("id") String id,
        @JsonProperty("display_id") String displayId,
        @JsonProperty("subject") String subject,
        @JsonProperty("status") String status,
        @JsonProperty("account") String account,
        @JsonProperty("site") String site,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("deleted_at") String deletedAt) {

    public static RequestRecordView of(RequestStore.RequestRecord record) {
        StoredRequest r = record.request();
        return new RequestRecordView(r.id(), r.displayId(), r.subject(), r.status(), r.account(), r.site(),
                r.createdAt().toString(), record.deletedAt() == null ? null : record.deletedAt().toString());
    }
}
