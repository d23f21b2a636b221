package com.aiagents.platform.common.client;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;

/**
 * Where the gateway and the worker find a tenant's runtime configuration (status, webhook
 * secrets, limits, SDP credentials). Implementations may cache; callers must not.
 */
public interface TenantDirectory {

    /**
     * The tenant's current configuration.
     *
     * @throws TenantNotFoundException the tenant does not exist or has been offboarded
     * @throws TenantDirectoryUnavailableException tenant-service cannot answer and nothing usable is cached
     */
    TenantRuntimeConfig lookup(TenantId tenantId);
}
