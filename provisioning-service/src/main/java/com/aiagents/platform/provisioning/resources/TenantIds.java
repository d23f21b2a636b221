package com.aiagents.platform.provisioning.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.errors.ApiException;

/** A tenant id from a path or query parameter, or a 400 that says why (without echoing it). */
final class TenantIds {
    private TenantIds() {
    }

    static TenantId parse(String value) {
        String problem = TenantId.problemWith(value);
        if (problem != null) {
            throw ApiException.badRequest("invalid_tenant_id", problem);
        }
        return TenantId.of(value);
    }
}
