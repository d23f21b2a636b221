package com.aiagents.platform.gateway.core;

import java.util.Locale;

/** How a delivery ended: the {@code result} label of {@code webhook_requests_total} and its HTTP status. */
public enum WebhookOutcome {
    ACCEPTED(202),
    DUPLICATE(202),
    /** Over the tenant's rate: accepted into its deferred lane. */
    DEFERRED(202),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    SUSPENDED(403),
    RATE_LIMITED(429),
    BAD_REQUEST(400),
    TOO_LARGE(413),
    UNAVAILABLE(503);

    private final int httpStatus;

    WebhookOutcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
