package com.aiagents.platform.common.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;

/** Builds JSON error responses and names HTTP statuses with stable slugs, for Jersey and Jetty alike. */
public final class ErrorResponses {
    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad_request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"),
            Map.entry(406, "not_acceptable"),
            Map.entry(408, "request_timeout"),
            Map.entry(409, "conflict"),
            Map.entry(410, "gone"),
            Map.entry(411, "length_required"),
            Map.entry(412, "precondition_failed"),
            Map.entry(413, "payload_too_large"),
            Map.entry(414, "uri_too_long"),
            Map.entry(415, "unsupported_media_type"),
            Map.entry(416, "range_not_satisfiable"),
            Map.entry(422, "unprocessable_entity"),
            Map.entry(429, "too_many_requests"),
            Map.entry(431, "request_header_fields_too_large"),
            Map.entry(500, "internal_error"),
            Map.entry(501, "not_implemented"),
            Map.entry(502, "bad_gateway"),
            Map.entry(503, "service_unavailable"),
            Map.entry(504, "gateway_timeout"));

    private ErrorResponses() {
    }

    public static Response of(int status, String error, String message) {
        return of(ErrorBody.of(status, error, message));
    }

    public static Response of(ErrorBody body) {
        return Response.status(body.code()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** A stable slug for a status, e.g. 405 → {@code method_not_allowed}. */
    public static String slugFor(int status) {
        String slug = SLUGS.get(status);
        if (slug != null) {
            return slug;
        }
        return status >= 500 ? "server_error" : "client_error";
    }

    /** A short human message for a status, e.g. 405 → {@code method not allowed}. */
    public static String messageFor(int status) {
        String slug = SLUGS.get(status);
        if (slug == null) {
            return status >= 500 ? "server error" : "request error";
        }
        return status == 500 ? "internal error" : slug.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** The {@link ErrorBody} for a status that carries nothing more specific than the status itself. */
    public static ErrorBody bodyFor(int status) {
        return ErrorBody.of(status, slugFor(status), messageFor(status));
    }
}
