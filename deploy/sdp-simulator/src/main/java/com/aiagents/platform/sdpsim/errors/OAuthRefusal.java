package com.aiagents.platform.sdpsim.errors;

/** The simulated Zoho accounts server refusing a token request: {@code {"error": "<code>"}}. */
public class OAuthRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String error;

    public OAuthRefusal(int httpStatus, String error, String description) {
        super(description);
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String error() {
        return error;
    }
}
