package com.aiagents.platform.worker.resources;

import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.fleet.TenantIdsParam;
import com.aiagents.platform.worker.core.FleetActivity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The operator console's fleet page: activity of up to 200 tenants in one call
 * (docs/api/enhancement-worker.md). MSP staff only: a tenant user (or an admin impersonating one)
 * is refused whatever it names, so the answer never depends on which tenants exist.
 */
@Path("/v1/fleet/activity")
@Produces(MediaType.APPLICATION_JSON)
public class FleetActivityResource {
    private final FleetActivity activity;

    public FleetActivityResource(FleetActivity activity) {
        this.activity = activity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Map<String, Object> activity(@QueryParam("tenant_id") List<String> tenantIds) {
        return Map.of("tenants", activity.activity(TenantIdsParam.parse(tenantIds)));
    }
}
