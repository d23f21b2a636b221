package com.aiagents.platform.common.client;

import com.aiagents.platform.api.TenantId;

/** The tenant is unknown to tenant-service or offboarded (its internal endpoint answered 404). */
public class TenantNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TenantNotFoundException(TenantId tenantId) {
        // A TenantId is validated, so it is safe to put in a message.
        super("tenant " + tenantId + " not found");
    }
}
