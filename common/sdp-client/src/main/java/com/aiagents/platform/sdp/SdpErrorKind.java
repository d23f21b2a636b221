package com.aiagents.platform.sdp;

/** What went wrong talking to a tenant's SDP, in the terms a caller acts on. */
public enum SdpErrorKind {
    /** 4007 or HTTP 404: the request (or URL) does not exist. */
    NOT_FOUND,
    /** 4015 or HTTP 429; {@link SdpException#retryAfter()} says when to come back if SDP told us. */
    RATE_LIMITED,
    /** 4022 or HTTP 401, or the cloud access token could not be obtained. */
    AUTHENTICATION,
    /** 4002 or HTTP 403: the technician may not do this. */
    FORBIDDEN,
    /** 4001, 4012 or another 4xxx / HTTP 4xx: our input was refused. */
    BAD_REQUEST,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** Connect, read or whole-call timeout. */
    TIMEOUT,
    /** Connection refused, unknown host, connection reset: no usable HTTP exchange. */
    UNREACHABLE,
    /** A success status whose body is not the JSON we expect. */
    MALFORMED_RESPONSE,
    /** The tenant's circuit breaker is open after repeated failures; SDP was not called. */
    CIRCUIT_OPEN,
    /** Too many calls to this tenant's SDP are already in flight; SDP was not called. */
    BULKHEAD_FULL,
    /**
     * The client refused to connect: the SDP host resolved to (or connected to) an address the
     * tenant may not reach, or the URL is plain http; a person must fix the tenant's settings.
     */
    ADDRESS_REFUSED;

    /** Failures that may go away by themselves: worth retrying after a pause. */
    public boolean isTransient() {
        return this == RATE_LIMITED || this == SERVER_ERROR || this == TIMEOUT;
    }

    /** Failures that say the tenant's SDP is unhealthy (as opposed to our request being wrong). */
    public boolean signalsUnhealthyService() {
        return this == SERVER_ERROR || this == TIMEOUT || this == UNREACHABLE || this == MALFORMED_RESPONSE;
    }
}
