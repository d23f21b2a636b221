package com.aiagents.platform.sdpsim.errors;

/**
 * A failure the simulated SDP API reports the way SDP does: an HTTP status plus a
 * {@code response_status} envelope whose {@code messages[0].status_code} says what went wrong.
 */
public class SdpApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int BAD_VALUE = 4001;
    public static final int FORBIDDEN = 4002;
    public static final int NOT_FOUND = 4007;
    public static final int MANDATORY_FIELD_MISSING = 4012;
    public static final int RATE_LIMITED = 4015;
    public static final int INVALID_CREDENTIALS = 4022;

    private final int httpStatus;
    private final int sdpCode;
    private final String field;

    public SdpApiError(int httpStatus, int sdpCode, String message, String field) {
        super(message);
        this.httpStatus = httpStatus;
        this.sdpCode = sdpCode;
        this.field = field;
    }

    public static SdpApiError notFound(String message) {
        return new SdpApiError(404, NOT_FOUND, message, null);
    }

    public static SdpApiError badValue(String field, String message) {
        return new SdpApiError(400, BAD_VALUE, message, field);
    }

    public static SdpApiError missing(String field) {
        return new SdpApiError(400, MANDATORY_FIELD_MISSING, "Mandatory field missing: " + field, field);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int sdpCode() {
        return sdpCode;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }
}
