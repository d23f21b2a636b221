package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.tenant.core.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public keys access tokens are verified with (docs/people-and-access.md): public, no auth,
 * public parts only, cacheable for 5 minutes (a key rotated in is published at least that long
 * before it signs; docs/runbooks/key-rotation.md).
 */
@Path("/.well-known/jwks.json")
public class JwksResource {
    static final int MAX_AGE_SECONDS = 300;
    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(keys.publicJson()).cacheControl(cache).build();
    }
}
