package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.api.ReconciliationView;
import com.aiagents.platform.worker.core.WebhookReconciler;
import com.aiagents.platform.worker.db.ReconciliationState;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;

import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;

/**
 * A tenant's reconciliation state (docs/reconciliation.md); provisioning-service shows it on the
 * onboarding, and the tenant's own users read it (docs/people-and-access.md).
 */
@Path("/v1/tenants/{tenant_id}/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final WebhookReconciler reconciler;
    private final Clock clock;

    public ReconciliationResource(WebhookReconciler reconciler, Clock clock) {
        this.reconciler = reconciler;
        this.clock = clock;
    }

    /** A tenant user (or an impersonating admin) reads its own tenant's only: another tenant's is 404. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public ReconciliationView show(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        TenantId tenant = TenantPaths.valid(tenantId);
        ReconciliationState state = reconciler.state(caller, tenant);
        if (state == null) {
            throw ApiException.notFound("reconciliation_not_found", "no reconciliation pass has run for this tenant yet");
        }
        Instant lastWebhook = reconciler.lastWebhook(tenant);
        return ReconciliationView.of(state, lastWebhook, reconciler.silenceSeconds(state, lastWebhook, clock.instant()));
    }
}
