package com.aiagents.platform.worker.synthesis;

/** The LLM endpoint failed or answered something unusable. The message is a short category, never the key. */
public class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final java.time.Duration retryAfter;

    public LlmException(String reason, String message) {
        this(reason, message, null);
    }

    /** @param retryAfter what the endpoint asked to wait before trying again (429 Retry-After), or null */
    public LlmException(String reason, String message, java.time.Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** A short slug for the note and the history row: {@code llm_http_500}, {@code llm_timeout}... */
    public String reason() {
        return reason;
    }
}
