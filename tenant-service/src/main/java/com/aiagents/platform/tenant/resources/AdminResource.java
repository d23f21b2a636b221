package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.tenant.core.SecretReencryption;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Platform administration that is not about one tenant. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminResource {
    private final SecretReencryption reencryption;

    public AdminResource(SecretReencryption reencryption) {
        this.reencryption = reencryption;
    }

    /** Step 2 of an encryption-key rotation (runbook): rewrite all secrets under the new key. */
    @POST
    @Path("/reencrypt-secrets")
    public Map<String, Object> reencryptSecrets(@Auth PlatformPrincipal actor) {
        return Map.of("tenants_reencrypted", reencryption.run(actor));
    }
}
