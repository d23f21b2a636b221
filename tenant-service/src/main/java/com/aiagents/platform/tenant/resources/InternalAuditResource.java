package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.tenant.core.ServiceAuditEntries;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

import static com.aiagents.platform.common.auth.PlatformService.GATES;
import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;
import static com.aiagents.platform.common.auth.PlatformService.WORKER;

/**
 * The audit log's door for the other services (docs/api/internal.md): each records the changes it
 * makes, under its own identity taken from its token ({@link ServiceAuditEntries}).
 */
@Path("/internal/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalAuditResource {
    private final ServiceAuditEntries entries;

    public InternalAuditResource(ServiceAuditEntries entries) {
        this.entries = entries;
    }

    @POST
    @AllowedServices({WORKER, GATES, PROVISIONING})
    public Response record(@Auth PlatformPrincipal caller, JsonNode body) {
        long id = entries.record(caller.service().orElseThrow(ForbiddenException::new), body);
        return Response.status(201).entity(Map.of("id", id)).build();
    }
}
