package com.aiagents.platform.api;

/** A string that is not a valid {@link TenantId}; the message says why without echoing it. */
public class InvalidTenantIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidTenantIdException(String message) {
        super(message);
    }
}
