package com.aiagents.platform.common.fleet;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.errors.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The repeated {@code tenant_id} query parameter of the operator console's batched fleet reads
 * ({@code ?tenant_id=a&tenant_id=b}): one call per page of tenants and service, never one per tenant.
 */
public final class TenantIdsParam {
    /** Most tenants one call may name: a console page, with room to spare. */
    public static final int MAX = 200;

    private TenantIdsParam() {
    }

    /**
     * The distinct ids, in the order given.
     *
     * @throws ApiException 400 {@code invalid_tenant_id} for a malformed id, {@code invalid_request}
     *                      for none or more than {@link #MAX}
     */
    public static List<TenantId> parse(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("invalid_request", "name at least one tenant: ?tenant_id=a&tenant_id=b");
        }
        Set<TenantId> tenants = new LinkedHashSet<>();
        for (String value : raw) {
            String problem = TenantId.problemWith(value);
            if (problem != null) {
                throw ApiException.badRequest("invalid_tenant_id", problem);
            }
            tenants.add(TenantId.of(value));
        }
        if (tenants.size() > MAX) {
            throw ApiException.badRequest("invalid_request", "at most " + MAX + " tenant_id values per call");
        }
        return List.copyOf(tenants);
    }
}
