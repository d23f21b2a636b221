package com.aiagents.platform.sdp.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An HTTP reply from SDP, read completely.
 *
 * @param json             the parsed body, null when it is empty or not JSON
 * @param bodyPresent      whether any body came at all
 * @param retryAfterHeader the raw {@code Retry-After} header, if any
 */
public record SdpReply(int httpStatus, JsonNode json, boolean bodyPresent, String retryAfterHeader) {

    public SdpStatus sdpStatus() {
        return SdpStatus.of(json);
    }

    public boolean isHttpSuccess() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
