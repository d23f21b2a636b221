package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.core.TicketHistoryImporter;
import com.aiagents.platform.worker.db.ImportState;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;

/**
 * Starts (or resumes) and shows the backfill of a tenant's resolved SDP requests. A start is
 * recorded in the audit log first (refused, 503, when it cannot be); its end is recorded by the
 * importer.
 */
@Path("/v1/tenants/{tenant_id}/ticket-history/import")
@Produces(MediaType.APPLICATION_JSON)
public class TicketImportResource {
    private final TenantDirectory directory;
    private final TicketHistoryImporter importer;
    private final AuditTrail audit;

    public TicketImportResource(TenantDirectory directory, TicketHistoryImporter importer, AuditTrail audit) {
        this.directory = directory;
        this.importer = importer;
        this.audit = audit;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public Response start(@Auth PlatformPrincipal caller, @HeaderParam("X-Acting-For") String actingFor,
                          @PathParam("tenant_id") String tenantId) {
        TenantId tenant = TenantPaths.existing(directory, tenantId);
        audit.record(AuditEntry.of("worker.ticket_history_import_requested", tenant).requestedBy(caller, actingFor));
        // provisioning-service starts imports for the operator who onboarded the tenant
        boolean forSomeone = actingFor != null && actingFor.matches("[A-Za-z0-9@._-]{1,100}");
        ImportState state = importer.start(tenant, caller.name() + (forSomeone ? " for " + actingFor : ""));
        return Response.accepted(state).build();
    }

    /** A tenant user (or an impersonating admin) reads its own tenant's import only: another's is 404. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public ImportState progress(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        TenantId tenant = TenantPaths.valid(tenantId);
        return importer.progress(caller, tenant)
                .orElseThrow(() -> ApiException.notFound("import_not_found", "no ticket-history import for this tenant"));
    }
}
