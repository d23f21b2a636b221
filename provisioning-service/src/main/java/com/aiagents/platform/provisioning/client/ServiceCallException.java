package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.common.errors.FieldError;
import java.util.List;

/**
 * A peer service refused or failed a call. Carries the peer's status and {@code ErrorBody} (error
 * slug, message, field errors) so the saga can relay a 400 and record a failure. Messages come
 * from our own text and the peer's error body, which never holds a secret (docs/api/tenant-service.md);
 * the request body is never part of it.
 */
public class ServiceCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final int status;
    private final String error;
    private final transient List<FieldError> fields;
    private final boolean outcomeUnknown;
    private final String peerMessage;

    ServiceCallException(String service, int status, String error, String message, List<FieldError> fields,
                         boolean outcomeUnknown) {
        this(service, status, error, message, null, fields, outcomeUnknown);
    }

    ServiceCallException(String service, int status, String error, String message, String peerMessage,
                         List<FieldError> fields, boolean outcomeUnknown) {
        super(message, null, false, false);
        this.peerMessage = peerMessage;
        this.service = service;
        this.status = status;
        this.error = error;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** {@code tenant-service}, {@code gates-runner} or {@code enhancement-worker}. */
    public String service() {
        return service;
    }

    /** The peer's HTTP status; 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** The peer's error slug ({@code tenant_exists}, {@code invalid_request} ...), or a slug of ours when it did not answer. */
    public String error() {
        return error;
    }

    /** The peer's own {@code message}, to relay as is; falls back to ours. */
    public String peerMessage() {
        return peerMessage == null || peerMessage.isBlank() ? getMessage() : peerMessage;
    }

    public List<FieldError> fields() {
        return fields;
    }

    /** True when the request may have been carried out although no answer came (a timeout after sending). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /**
     * Worth trying again soon: no answer (connection refused or reset, a stale pooled connection,
     * a timeout) or a gateway's 502/503/504.
     */
    public boolean isTransient() {
        return status == 0 || status == 502 || status == 503 || status == 504;
    }

    public boolean isStatus(int expected) {
        return status == expected;
    }
}
