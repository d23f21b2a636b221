package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.tenant.api.WelcomeEmailView;
import com.aiagents.platform.tenant.core.WelcomeEmails;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;

/**
 * The welcome mail (docs/api/tenant-service.md#welcome-e-mail): {@code POST} issues a new one (a new
 * one-time link; older links stop working) and starts its delivery, answering 202 at once with
 * its state; {@code GET} shows the latest one's delivery. provisioning-service sends the first at
 * activation ({@code ?first=true}: nothing new when the tenant already has one).
 */
@Path("/v1/tenants/{tenant_id}/welcome-email")
@Produces(MediaType.APPLICATION_JSON)
public class WelcomeEmailResource {
    private final WelcomeEmails welcome;

    public WelcomeEmailResource(WelcomeEmails welcome) {
        this.welcome = welcome;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public Response send(@Auth PlatformPrincipal principal, @HeaderParam(Actors.ACTING_FOR) String actingFor,
                         @PathParam("tenant_id") String tenantId,
                         @QueryParam("first") @DefaultValue("false") boolean first) {
        WelcomeEmailView view = welcome.send(Actors.of(principal, actingFor), TenantIds.parse(tenantId), first);
        return Response.accepted(view).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public WelcomeEmailView latest(@PathParam("tenant_id") String tenantId) {
        return welcome.status(TenantIds.parse(tenantId));
    }
}
