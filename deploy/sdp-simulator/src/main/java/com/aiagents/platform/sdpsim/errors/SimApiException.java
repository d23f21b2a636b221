package com.aiagents.platform.sdpsim.errors;

/**
 * A refused call to the simulator's own {@code /sim} API, answered as
 * {@code {"code": 400, "error": "<slug>", "message": "..."}}.
 */
public class SimApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public SimApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static SimApiException badRequest(String error, String message) {
        return new SimApiException(400, error, message);
    }

    public static SimApiException notFound(String message) {
        return new SimApiException(404, "instance-not-found", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
