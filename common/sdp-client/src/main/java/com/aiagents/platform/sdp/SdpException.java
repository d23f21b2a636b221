package com.aiagents.platform.sdp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failed call to a tenant's ServiceDesk Plus. The {@link #kind()} says what to do about it; the
 * message is for humans and never carries an API key, token, client secret or refresh token.
 */
public class SdpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SdpErrorKind kind;
    private final String tenantId;
    private final int httpStatus;
    private final Integer sdpStatusCode;
    private final Duration retryAfter;

    /** A failure with no HTTP reply (timeouts, refused connections, open circuit...). */
    public SdpException(SdpErrorKind kind, String tenantId, String message, Throwable cause) {
        this(kind, tenantId, message, 0, null, null, cause);
    }

    /** A failure SDP (or something in front of it) answered with. */
    public SdpException(SdpErrorKind kind, String tenantId, String message,
                        int httpStatus, Integer sdpStatusCode, Duration retryAfter) {
        this(kind, tenantId, message, httpStatus, sdpStatusCode, retryAfter, null);
    }

    private SdpException(SdpErrorKind kind, String tenantId, String message, int httpStatus,
                         Integer sdpStatusCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.tenantId = tenantId;
        this.httpStatus = httpStatus;
        this.sdpStatusCode = sdpStatusCode;
        this.retryAfter = retryAfter;
    }

    public SdpErrorKind kind() {
        return kind;
    }

    public String tenantId() {
        return tenantId;
    }

    /** The HTTP status of the reply, 0 when there was no reply. */
    public int httpStatus() {
        return httpStatus;
    }

    /** SDP's own status code (4007, 4015, 4022...) when the reply carried one. */
    public OptionalInt sdpStatusCode() {
        return sdpStatusCode == null ? OptionalInt.empty() : OptionalInt.of(sdpStatusCode);
    }

    /** How long SDP asked us to wait (the {@code Retry-After} header of a rate-limited reply). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
