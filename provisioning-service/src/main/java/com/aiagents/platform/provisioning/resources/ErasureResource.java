package com.aiagents.platform.provisioning.resources;

import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.provisioning.core.TenantErasure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Runs an erasure pass now instead of waiting for the next scheduled one (docs/runbooks/offboarding.md):
 * it erases only tenants whose grace period is over, as the scheduled pass does. Admins only.
 */
@Path("/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {
    private final TenantErasure erasure;

    public ErasureResource(TenantErasure erasure) {
        this.erasure = erasure;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public TenantErasure.Pass run() {
        return erasure.runOnce();
    }
}
