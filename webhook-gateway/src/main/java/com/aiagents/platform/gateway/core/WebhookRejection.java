package com.aiagents.platform.gateway.core;

/**
 * Why a delivery is refused. {@code error} is a stable slug and {@code message} a fixed sentence:
 * neither ever contains request input, the secret or the signature.
 */
public final class WebhookRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final WebhookOutcome outcome;
    private final String error;
    private final long retryAfterSeconds;

    private WebhookRejection(WebhookOutcome outcome, String error, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static WebhookRejection of(WebhookOutcome outcome, String error, String message) {
        return new WebhookRejection(outcome, error, message, 0);
    }

    public static WebhookRejection retryLater(WebhookOutcome outcome, String error, String message, long retryAfterSeconds) {
        return new WebhookRejection(outcome, error, message, Math.max(1, retryAfterSeconds));
    }

    public WebhookOutcome outcome() {
        return outcome;
    }

    public String error() {
        return error;
    }

    /** Seconds for the Retry-After header; 0 when the client should not retry as is. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
