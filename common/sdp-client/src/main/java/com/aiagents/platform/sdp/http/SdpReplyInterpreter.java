package com.aiagents.platform.sdp.http;

import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;

/**
 * Decides whether an SDP reply is a success and, if not, turns it into a typed
 * {@link SdpException}. SDP reports failures inside HTTP 200 too, so the body's
 * {@code response_status} counts as much as the HTTP status.
 */
public final class SdpReplyInterpreter {

    private static final int AUTH_FAILED = 4022;

    private final String tenantId;
    private final SecretRedactor redactor;
    private final Clock clock;

    public SdpReplyInterpreter(String tenantId, SecretRedactor redactor, Clock clock) {
        this.tenantId = tenantId;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** Whether SDP refused the credentials (HTTP 401 or status 4022), so a cloud token may be renewed. */
    public boolean isCredentialRejection(SdpReply reply) {
        SdpStatus status = reply.sdpStatus();
        return reply.httpStatus() == 401 || (status != null && status.effectiveCode() == AUTH_FAILED);
    }

    /**
     * The reply's JSON body when it is a success.
     *
     * @param credentialsRenewed whether this reply came after renewing a rejected access token
     */
    public JsonNode successBodyOrThrow(SdpCall call, SdpReply reply, boolean credentialsRenewed) {
        SdpStatus status = reply.sdpStatus();
        if (reply.isHttpSuccess()) {
            if (reply.json() == null) {
                throw failure(call, reply, null, SdpErrorKind.MALFORMED_RESPONSE,
                        reply.bodyPresent() ? "the body is not JSON" : "the body is empty", false);
            }
            if (status == null || !status.failed()) {
                return reply.json();
            }
        }
        SdpErrorKind kind = classify(reply.httpStatus(), status);
        String what = reply.httpStatus() >= 300 && reply.httpStatus() < 400
                ? "SDP answered a redirect, which the client does not follow (servicedesk_url must be SDP's own address)"
                : describe(kind);
        throw failure(call, reply, status, kind, what, credentialsRenewed);
    }

    static SdpErrorKind classify(int httpStatus, SdpStatus status) {
        if (httpStatus >= 500) {
            return SdpErrorKind.SERVER_ERROR;
        }
        if (httpStatus == 429) {
            return SdpErrorKind.RATE_LIMITED;
        }
        if (status != null && status.failed()) {
            SdpErrorKind bySdpCode = kindForSdpCode(status.effectiveCode());
            if (bySdpCode != null) {
                return bySdpCode;
            }
        }
        SdpErrorKind byHttp = kindForHttpStatus(httpStatus);
        return byHttp != null ? byHttp : SdpErrorKind.BAD_REQUEST;
    }

    private static SdpErrorKind kindForSdpCode(int code) {
        switch (code) {
            case 4007:
                return SdpErrorKind.NOT_FOUND;
            case 4015:
                return SdpErrorKind.RATE_LIMITED;
            case AUTH_FAILED:
                return SdpErrorKind.AUTHENTICATION;
            case 4002:
                return SdpErrorKind.FORBIDDEN;
            case 4001:
            case 4012:
                return SdpErrorKind.BAD_REQUEST;
            default:
                return null;
        }
    }

    private static SdpErrorKind kindForHttpStatus(int httpStatus) {
        switch (httpStatus) {
            case 401:
                return SdpErrorKind.AUTHENTICATION;
            case 403:
                return SdpErrorKind.FORBIDDEN;
            case 404:
                return SdpErrorKind.NOT_FOUND;
            default:
                return httpStatus >= 400 ? SdpErrorKind.BAD_REQUEST : null;
        }
    }

    private static String describe(SdpErrorKind kind) {
        switch (kind) {
            case NOT_FOUND:
                return "not found";
            case RATE_LIMITED:
                return "rate limited";
            case AUTHENTICATION:
                return "credentials rejected";
            case FORBIDDEN:
                return "not permitted for this technician";
            case SERVER_ERROR:
                return "server error";
            default:
                return "request refused";
        }
    }

    private SdpException failure(SdpCall call, SdpReply reply, SdpStatus status, SdpErrorKind kind,
                                 String what, boolean credentialsRenewed) {
        StringBuilder message = new StringBuilder()
                .append("SDP call ").append(call.describe())
                .append(" for tenant '").append(tenantId).append("' failed: ").append(what)
                .append(" (HTTP ").append(reply.httpStatus());
        if (status != null) {
            message.append(", SDP status ").append(status.effectiveCode());
            if (status.message() != null) {
                message.append(": ").append(status.message());
            }
            if (status.field() != null) {
                message.append(" [field ").append(status.field()).append(']');
            }
        }
        message.append(')');
        if (kind == SdpErrorKind.AUTHENTICATION && credentialsRenewed) {
            message.append(" even with a freshly minted access token");
        }
        Duration retryAfter = kind == SdpErrorKind.RATE_LIMITED
                ? RetryAfter.parse(reply.retryAfterHeader(), clock) : null;
        if (retryAfter != null) {
            message.append("; retry after ").append(retryAfter.toSeconds()).append('s');
        }
        return new SdpException(kind, tenantId, redactor.redact(message.toString()), reply.httpStatus(),
                status == null ? null : status.effectiveCode(), retryAfter);
    }
}
