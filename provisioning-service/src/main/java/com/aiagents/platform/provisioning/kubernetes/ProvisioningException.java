package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;

/**
 * Kubernetes (the API server, or the manifests directory) refused or failed an operation on one
 * object. The message names the object and the operation and never holds a secret value: the
 * server's own message is kept for diagnosis with every secret value of the request masked, and
 * the client exception is deliberately not chained as the cause (its text is not under our control).
 */
public class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String MASK = "<redacted>";

    private final String tenantId;
    private final transient ObjectRef ref;
    private final int httpStatus;

    /**
     * @param httpStatus the API server's HTTP status; 0 or less when there was no answer
     *                   (connection refused, timeout) or no server (manifests mode)
     * @param detail     what went wrong, from the server or the file system; secret values in it
     *                   are masked
     * @param secrets    the secret values of the request, to mask in {@code detail}
     */
    public ProvisioningException(TenantId tenantId, ObjectRef ref, String operation, int httpStatus, String detail,
            Collection<String> secrets) {
        super(operation + " " + ref + " for tenant " + tenantId + " failed"
                + (httpStatus > 0 ? " with HTTP " + httpStatus : "")
                + (detail == null || detail.isBlank() ? "" : ": " + mask(detail, secrets)));
        this.tenantId = tenantId.value();
        this.ref = ref;
        this.httpStatus = Math.max(httpStatus, 0);
    }

    public String tenantId() {
        return tenantId;
    }

    public ObjectRef ref() {
        return ref;
    }

    /** The API server's HTTP status, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    private static String mask(String detail, Collection<String> secrets) {
        String masked = detail;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                masked = masked.replace(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)), MASK);
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
