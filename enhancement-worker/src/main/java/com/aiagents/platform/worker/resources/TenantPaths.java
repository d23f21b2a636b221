package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantNotFoundException;
import com.aiagents.platform.common.errors.ApiException;

/** A tenant id from a path: valid (400), and known to tenant-service (404). */
final class TenantPaths {
    private TenantPaths() {
    }

    static TenantId existing(TenantDirectory directory, String raw) {
        TenantId tenant = valid(raw);
        try {
            directory.lookup(tenant);
        } catch (TenantNotFoundException e) {
            throw ApiException.notFound("tenant_not_found", "no tenant with that id");
        } catch (TenantDirectoryUnavailableException e) {
            throw ApiException.unavailable("tenant_service_unavailable", "tenant-service cannot be reached", 5);
        }
        return tenant;
    }

    static TenantId valid(String raw) {
        String problem = TenantId.problemWith(raw);
        if (problem != null) {
            throw ApiException.badRequest("invalid_tenant_id", problem);
        }
        return TenantId.of(raw);
    }
}
