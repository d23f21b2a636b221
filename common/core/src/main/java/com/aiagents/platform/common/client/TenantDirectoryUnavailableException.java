package com.aiagents.platform.common.client;

/**
 * tenant-service could not be asked (down, timing out, circuit open, misconfigured token) and no
 * cached configuration was young enough to serve instead. Callers answer 503 and retry later.
 */
public class TenantDirectoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TenantDirectoryUnavailableException(String message) {
        super(message);
    }

    public TenantDirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
