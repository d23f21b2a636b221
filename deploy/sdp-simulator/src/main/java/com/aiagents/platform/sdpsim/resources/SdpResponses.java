package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.api.SdpEnvelopes;
import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** HTTP replies of the simulated SDP API, successes and each kind of failure. */
final class SdpResponses {

    /** SDP answers {@code application/json} whatever {@code Accept} asked for. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private SdpResponses() {
    }

    static Response ok(ObjectNode body) {
        return Response.ok(body, JSON).build();
    }

    static Response created(ObjectNode body) {
        return Response.status(Response.Status.CREATED).type(JSON).entity(body).build();
    }

    /** List calls (GET of a collection) answer with {@code response_status} as an array. */
    static boolean isListCall(String method, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return "GET".equals(method) && (trimmed.endsWith("/requests") || trimmed.endsWith("/notes"));
    }

    static Response failure(SdpApiError error, boolean listShape) {
        return Response.status(error.httpStatus()).type(JSON)
                .entity(SdpEnvelopes.failure(error.sdpCode(), error.getMessage(), error.field(), listShape))
                .build();
    }

    static Response invalidCredentials(boolean listShape) {
        return failure(new SdpApiError(401, SdpApiError.INVALID_CREDENTIALS,
                "Invalid API key or OAuth token received", null), listShape);
    }

    static Response rateLimited(int retryAfterSeconds, boolean listShape) {
        return Response.fromResponse(failure(new SdpApiError(429, SdpApiError.RATE_LIMITED,
                        "Too many requests. Please try again after some time", null), listShape))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    /** What a reverse proxy in front of a dead SDP answers: an HTML page, and it hangs up. */
    static Response down() {
        return html(503, "Service Unavailable", "The server is temporarily unable to service your request.")
                .header("Connection", "close")
                .build();
    }

    /** What SDP's Tomcat answers when the application fails: an HTML error page, not an envelope. */
    static Response serverError() {
        return html(500, "Internal Server Error", "The server encountered an unexpected condition.").build();
    }

    private static Response.ResponseBuilder html(int status, String title, String text) {
        String page = "<!doctype html><html><head><title>HTTP Status " + status + " - " + title
                + "</title></head><body><h1>HTTP Status " + status + " - " + title + "</h1><p>" + text
                + "</p></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page);
    }
}
