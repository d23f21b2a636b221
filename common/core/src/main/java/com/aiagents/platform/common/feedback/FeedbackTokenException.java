package com.aiagents.platform.common.feedback;

/** A feedback token that is not accepted; the message is safe to show (it never echoes the token). */
public final class FeedbackTokenException extends Exception {
    /** Why: the page tells a technician whether asking for a fresh link can help. */
    public enum Reason { MALFORMED, BAD_SIGNATURE, EXPIRED }

    private final Reason reason;

    public FeedbackTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
