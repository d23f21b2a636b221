package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.errors.ApiException;

/** Path parameters are operator input too: a malformed id is a 400 that says why. */
final class TenantIds {
    private TenantIds() {
    }

    static TenantId parse(String raw) {
        String problem = TenantId.problemWith(raw);
        if (problem != null) {
            throw ApiException.badRequest("invalid_tenant_id", problem);
        }
        return TenantId.of(raw);
    }
}
