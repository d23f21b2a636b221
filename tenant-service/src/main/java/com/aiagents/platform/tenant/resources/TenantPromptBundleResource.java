package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.tenant.api.PromptBundleState;
import com.aiagents.platform.tenant.api.PromptBundleView;
import com.aiagents.platform.tenant.core.PromptBundles;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.aiagents.platform.common.auth.PlatformService.WORKER;

/**
 * A tenant's prompt bundle overlay (docs/prompt-bundles.md): admins and operators read, save and
 * publish it, and so does a tenant_admin for its own tenant (another tenant's bundle is 404 to it:
 * the work runs under its own tenant's RLS); the composed prompt is also what enhancement-worker fetches for every enhancement
 * (the only service admitted, and only there).
 */
@Path("/v1/tenants/{tenant_id}/prompt-bundle")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantPromptBundleResource {
    private final PromptBundles bundles;

    public TenantPromptBundleResource(PromptBundles bundles) {
        this.bundles = bundles;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    public PromptBundleState get(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        return bundles.ofTenant(caller, TenantIds.parse(tenantId));
    }

    /** Saves the tenant's draft (a new version when there is none); production is unchanged until publish. */
    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    public PromptBundleView put(@Auth PlatformPrincipal actor, @PathParam("tenant_id") String tenantId, JsonNode body) {
        return bundles.saveTenantDraft(actor, TenantIds.parse(tenantId), body);
    }

    @POST
    @Path("/publish")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    public PromptBundleView publish(@Auth PlatformPrincipal actor, @PathParam("tenant_id") String tenantId) {
        return bundles.publishTenant(actor, TenantIds.parse(tenantId));
    }

    @GET
    @Path("/composed")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.SERVICE})
    @AllowedServices(WORKER)
    public ComposedPrompt composed(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        return bundles.composed(caller, TenantIds.parse(tenantId));
    }
}
