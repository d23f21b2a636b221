package com.aiagents.platform.provisioning.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.provisioning.api.KubernetesView;
import com.aiagents.platform.provisioning.core.TenantKubernetes;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.aiagents.platform.common.auth.PlatformService.GATES;

/** A tenant's Kubernetes objects: status with drift (also used by gate 4), and apply to repair or change tier. */
@Path("/v1/tenants/{tenant_id}/kubernetes")
@Produces(MediaType.APPLICATION_JSON)
public class KubernetesResource {
    private final TenantKubernetes kubernetes;
    private final String mode;

    public KubernetesResource(TenantKubernetes kubernetes, String mode) {
        this.kubernetes = kubernetes;
        this.mode = mode;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.SERVICE})
    @AllowedServices(GATES)
    public KubernetesView.Status status(@PathParam("tenant_id") String tenantId) {
        return KubernetesView.Status.of(kubernetes.status(TenantIds.parse(tenantId)), mode);
    }

    /** Converges the tenant to its tier as tenant-service records it: repairs drift, applies a tier change. */
    @POST
    @Path("/apply")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public KubernetesView.Applied apply(@PathParam("tenant_id") String tenantId) {
        TenantId id = TenantIds.parse(tenantId);
        ApplyResult result = kubernetes.apply(id);
        return KubernetesView.Applied.of(result, KubernetesView.Status.of(kubernetes.status(id), mode));
    }
}
