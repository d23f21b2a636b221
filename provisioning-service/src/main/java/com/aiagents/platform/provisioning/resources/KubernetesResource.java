package com.aiagents.platform.provisioning.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.provisioning.api.KubernetesView;
import com.aiagents.platform.provisioning.core.TenantKubernetes;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.aiagents.platform.common.auth.PlatformService.GATES;

/**
 * A tenant's Kubernetes objects: status with drift (also used by gate 4), and apply to repair or
 * change tier. An apply is recorded in the audit log before it runs (refused, 503, when it cannot
 * be) and what it changed after it ran.
 */
@Path("/v1/tenants/{tenant_id}/kubernetes")
@Produces(MediaType.APPLICATION_JSON)
public class KubernetesResource {
    private final TenantKubernetes kubernetes;
    private final String mode;
    private final AuditTrail audit;

    public KubernetesResource(TenantKubernetes kubernetes, String mode, AuditTrail audit) {
        this.kubernetes = kubernetes;
        this.mode = mode;
        this.audit = audit;
    }

    /** A tenant user (or an impersonating admin) reads its own tenant's status only: another tenant is 404. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.SERVICE})
    @AllowedServices(GATES)
    public KubernetesView.Status status(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        return KubernetesView.Status.of(kubernetes.status(caller, TenantIds.parse(tenantId)), mode);
    }

    /** Converges the tenant to its tier as tenant-service records it: repairs drift, applies a tier change. */
    @POST
    @Path("/apply")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public KubernetesView.Applied apply(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        TenantId id = TenantIds.parse(tenantId);
        AuditEntry requested = AuditEntry.of("provisioning.kubernetes_apply_requested", id).requestedBy(caller, null)
                .with("mode", mode);
        audit.record(requested);
        ApplyResult result = kubernetes.apply(id);
        audit.recordInBackground(new AuditEntry("provisioning.kubernetes_applied", id.value(), requested.actingFor(),
                requested.details()).with("tier", result.tier().wireName()).with("objects", result.changes().size())
                .with("created", result.changes().stream().filter(c -> c.action() == ApplyResult.Action.CREATED).count()));
        return KubernetesView.Applied.of(result, KubernetesView.Status.of(kubernetes.status(caller, id), mode));
    }
}
