package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.tenant.core.TenantRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the gateway and the worker need at run time, decrypted secrets included: {@code service}
 * role only, never reachable with an operator's token.
 */
@Path("/internal/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalTenantResource {
    private final TenantRegistry registry;

    public InternalTenantResource(TenantRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Path("/{tenant_id}/runtime-config")
    public TenantRuntimeConfig runtimeConfig(@PathParam("tenant_id") String tenantId) {
        return registry.runtimeConfig(TenantIds.parse(tenantId));
    }
}
