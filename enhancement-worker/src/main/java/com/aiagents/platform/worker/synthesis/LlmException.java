package com.aiagents.platform.worker.synthesis;

/** The LLM endpoint failed or answered something unusable. The message is a short category, never the key. */
public class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final java.time.Duration retryAfter;
    private final long chargedTokens;

    public LlmException(String reason, String message) {
        this(reason, message, null);
    }

    /** @param retryAfter what the endpoint asked to wait before trying again (429 Retry-After), or null */
    public LlmException(String reason, String message, java.time.Duration retryAfter) {
        this(reason, message, retryAfter, 0);
    }

    private LlmException(String reason, String message, java.time.Duration retryAfter, long chargedTokens) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.chargedTokens = chargedTokens;
    }

    /** The same failure of a call the endpoint answered, and so billed: {@code tokens} count against the tenant's budget. */
    public LlmException charged(long tokens) {
        return new LlmException(reason, getMessage(), retryAfter, tokens);
    }

    /** What the failed call cost (0: nothing answered, or not known). */
    public long chargedTokens() {
        return chargedTokens;
    }

    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** A short slug for the note and the history row: {@code llm_http_500}, {@code llm_timeout}... */
    public String reason() {
        return reason;
    }
}
