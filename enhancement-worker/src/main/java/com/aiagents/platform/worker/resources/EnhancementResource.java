package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.api.EnhancementPage;
import com.aiagents.platform.worker.api.EnhancementView;
import com.aiagents.platform.worker.core.Enhancements;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A tenant's enhancements with their feedback, for the console (docs/api/enhancement-worker.md):
 * MSP staff read any tenant's, a tenant's own users (and an admin impersonating it) only that
 * tenant's; another tenant's are 404 (row-level security, {@link Enhancements}).
 */
@Path("/v1/tenants/{tenant_id}/enhancements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
public class EnhancementResource {
    private final Enhancements enhancements;

    public EnhancementResource(Enhancements enhancements) {
        this.enhancements = enhancements;
    }

    @GET
    public EnhancementPage list(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId,
                                @QueryParam("limit") @DefaultValue("50") int limit,
                                @QueryParam("before") String before) {
        TenantId tenant = TenantPaths.valid(tenantId);
        return enhancements.page(caller, tenant, before, limit)
                .orElseThrow(() -> ApiException.notFound("tenant_not_found", "no tenant with that id"));
    }

    @GET
    @Path("/{enhancement_id}")
    public EnhancementView one(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId,
                               @PathParam("enhancement_id") String enhancementId) {
        TenantId tenant = TenantPaths.valid(tenantId);
        long id;
        try {
            id = Long.parseLong(enhancementId);
        } catch (NumberFormatException e) {
            throw notFound();
        }
        return enhancements.one(caller, tenant, id).orElseThrow(EnhancementResource::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("enhancement_not_found", "no such enhancement");
    }
}
