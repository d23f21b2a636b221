package com.aiagents.platform.gates.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.fleet.TenantIdsParam;
import com.aiagents.platform.gates.api.LatestGateRun;
import com.aiagents.platform.gates.core.GateRunner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The operator console's fleet page: the latest gate run of up to 200 tenants in one call
 * (docs/api/gates-runner.md). MSP staff only, like the fleet activity of enhancement-worker.
 */
@Path("/v1/gate-runs/latest")
@Produces(MediaType.APPLICATION_JSON)
public class LatestGateRunsResource {
    private final GateRunner runner;

    public LatestGateRunsResource(GateRunner runner) {
        this.runner = runner;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Map<String, Object> latest(@QueryParam("tenant_id") List<String> tenantIds) {
        Map<TenantId, LatestGateRun> latest = runner.latest(TenantIdsParam.parse(tenantIds));
        return Map.of("tenants", latest.entrySet().stream()
                .map(e -> new LatestGateRun.ForTenant(e.getKey().value(), e.getValue())).toList());
    }
}
