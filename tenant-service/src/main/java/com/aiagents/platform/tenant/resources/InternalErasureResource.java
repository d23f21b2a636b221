package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.OffboardResult;
import com.aiagents.platform.tenant.core.TenantLifecycle;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The end of offboarding grace periods, for provisioning-service's erasure job (which removes a
 * tenant's Kubernetes objects and Redis keys first, then asks for its rows to be erased here).
 */
@Path("/internal/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@AllowedServices(PROVISIONING)
public class InternalErasureResource {
    private final TenantLifecycle lifecycle;

    public InternalErasureResource(TenantLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Tenants whose grace period is over. */
    @GET
    @Path("/due")
    public Map<String, List<String>> due(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("invalid_request", "limit must be 1..1000");
        }
        return Map.of("tenant_ids", lifecycle.dueForErasure(limit));
    }

    /** Erases a tenant whose grace period is over (409 while it runs); repeating it is harmless. */
    @POST
    @Path("/{tenant_id}")
    public OffboardResult erase(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        return lifecycle.erase(caller, TenantIds.parse(tenantId));
    }
}
