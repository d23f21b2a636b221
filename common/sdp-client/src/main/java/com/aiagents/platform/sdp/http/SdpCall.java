package com.aiagents.platform.sdp.http;

import java.util.List;
import java.util.Objects;

/**
 * One SDP API call, before authentication: method, path below {@code /api/v3/}, and the
 * {@code input_data} JSON either as a query parameter (GET) or as a form field (POST).
 *
 * @param idempotent whether repeating the call after an ambiguous failure is harmless
 */
public record SdpCall(String method, List<String> pathSegments, String queryInputData,
                      String formInputData, boolean idempotent) {

    public SdpCall {
        Objects.requireNonNull(method, "method");
        pathSegments = List.copyOf(pathSegments);
    }

    public static SdpCall get(List<String> path, String queryInputData) {
        return new SdpCall("GET", path, queryInputData, null, true);
    }

    public static SdpCall post(List<String> path, String formInputData) {
        return new SdpCall("POST", path, null, formInputData, false);
    }

    public static SdpCall delete(List<String> path) {
        return new SdpCall("DELETE", path, null, null, true);
    }

    /** {@code GET requests/42/notes}: for messages and logs (no query, so no input data). */
    public String describe() {
        return method + " " + String.join("/", pathSegments);
    }
}
