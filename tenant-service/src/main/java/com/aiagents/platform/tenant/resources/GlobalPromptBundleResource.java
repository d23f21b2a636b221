package com.aiagents.platform.tenant.resources;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The global prompt bundle every tenant inherits (docs/prompt-bundles.md). It shapes every tenant's
 * enhancements, so only the admin role reads or changes it; no service may.
 */
@Path("/v1/prompt-bundles/global")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class GlobalPromptBundleResource {
    private final PromptBundles bundles;

    public GlobalPromptBundleResource(PromptBundles bundles) {
        this.bundles = bundles;
    }

    @GET
    public PromptBundleState get() {
        return bundles.global();
    }

    /** Saves the draft (a new version when there is none); production is unchanged until publish. */
    @PUT
    public PromptBundleView put(@Auth PlatformPrincipal actor, JsonNode body) {
        return bundles.saveGlobalDraft(actor, body);
    }

    @POST
    @Path("/publish")
    public PromptBundleView publish(@Auth PlatformPrincipal actor) {
        return bundles.publishGlobal(actor);
    }
}
