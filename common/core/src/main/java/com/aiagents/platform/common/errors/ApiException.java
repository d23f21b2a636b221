package com.aiagents.platform.common.errors;

import java.util.List;
import java.util.OptionalLong;

/**
 * An expected failure with a definite HTTP answer. Resources throw it; {@link JsonErrors} turns it
 * into an {@link ErrorBody} with this status (and a {@code Retry-After} header when given).
 * The message goes to the client as is, so it must never carry a secret.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final List<FieldError> fields;
    private final Long retryAfterSeconds;

    public ApiException(int status, String error, String message) {
        this(status, error, message, List.of(), null);
    }

    public ApiException(int status, String error, String message, List<FieldError> fields) {
        this(status, error, message, fields, null);
    }

    public ApiException(int status, String error, String message, List<FieldError> fields, Long retryAfterSeconds) {
        // An expected outcome, not a bug: no stack trace is needed, and none is captured.
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an ApiException needs a 4xx or 5xx status, not " + status);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative");
        }
        this.status = status;
        this.error = error;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String error, String message) {
        return new ApiException(400, error, message);
    }

    public static ApiException badRequest(String error, String message, List<FieldError> fields) {
        return new ApiException(400, error, message, fields);
    }

    public static ApiException unauthorized(String error, String message) {
        return new ApiException(401, error, message);
    }

    public static ApiException forbidden(String error, String message) {
        return new ApiException(403, error, message);
    }

    public static ApiException notFound(String error, String message) {
        return new ApiException(404, error, message);
    }

    public static ApiException conflict(String error, String message) {
        return new ApiException(409, error, message);
    }

    public static ApiException payloadTooLarge(String error, String message) {
        return new ApiException(413, error, message);
    }

    public static ApiException tooManyRequests(String error, String message, long retryAfterSeconds) {
        return new ApiException(429, error, message, List.of(), retryAfterSeconds);
    }

    public static ApiException unavailable(String error, String message, long retryAfterSeconds) {
        return new ApiException(503, error, message, List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<FieldError> fields() {
        return fields;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    public ErrorBody body() {
        return new ErrorBody(status, error, getMessage(), fields);
    }
}
