package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.tenant.core.RuntimeConfigAudience;
import com.aiagents.platform.tenant.core.TenantRegistry;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.aiagents.platform.common.auth.PlatformService.GATES;
import static com.aiagents.platform.common.auth.PlatformService.GATEWAY;
import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;
import static com.aiagents.platform.common.auth.PlatformService.WORKER;

/**
 * What the services need about a tenant at run time, decrypted secrets included: service identities
 * only, never an operator's token, and each service only the parts it uses ({@link RuntimeConfigAudience}).
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
    @AllowedServices({GATEWAY, WORKER, GATES, PROVISIONING})
    public TenantRuntimeConfig runtimeConfig(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        RuntimeConfigAudience audience = RuntimeConfigAudience.of(caller.service().orElseThrow(ForbiddenException::new));
        return registry.runtimeConfig(TenantIds.parse(tenantId), audience);
    }
}
