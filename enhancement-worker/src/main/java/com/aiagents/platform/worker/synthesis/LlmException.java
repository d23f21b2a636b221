package com.aiagents.platform.worker.synthesis;

/** The LLM endpoint failed or answered something unusable. The message is a short category, never the key. */
public class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public LlmException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** A short slug for the note and the history row: {@code llm_http_500}, {@code llm_timeout}... */
    public String reason() {
        return reason;
    }
}
