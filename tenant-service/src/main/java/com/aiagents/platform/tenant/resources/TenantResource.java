package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.CreatedTenant;
import com.aiagents.platform.tenant.api.OffboardResult;
import com.aiagents.platform.tenant.api.TenantList;
import com.aiagents.platform.tenant.api.TenantView;
import com.aiagents.platform.tenant.api.WebhookInstructions;
import com.aiagents.platform.tenant.core.TenantLifecycle;
import com.aiagents.platform.tenant.core.TenantRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static com.aiagents.platform.common.auth.PlatformService.GATES;
import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;
import static com.aiagents.platform.common.auth.PlatformService.WORKER;

/**
 * The operators' tenant API (docs/api/tenant-service.md). Thin: validation and rules live in core.
 * Of the services, provisioning-service may call what onboarding needs (it runs onboardings for
 * operators, naming them in {@code X-Acting-For}); the worker (premium queue discovery) and
 * gates-runner (revalidation) may list tenants. Tenant users (tenant_admin, tenant_viewer, and an
 * admin impersonating with X-Tenant-Id) read their own tenant, and a tenant_admin rotates its
 * webhook secret; everything else here is the MSP staff's (403 to them).
 */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {
    private final TenantRegistry registry;
    private final TenantLifecycle lifecycle;

    /** The onboarding a create is part of: repeating the create with it is idempotent. */
    static final String ONBOARDING_ID = "X-Onboarding-Id";

    public TenantResource(TenantRegistry registry, TenantLifecycle lifecycle) {
        this.registry = registry;
        this.lifecycle = lifecycle;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public Response create(@Auth PlatformPrincipal principal, @HeaderParam(Actors.ACTING_FOR) String actingFor,
                           @HeaderParam(Actors.ACTING_FOR_ROLE) String actingForRole,
                           @HeaderParam(ONBOARDING_ID) String onboardingId, JsonNode body) {
        TenantRegistry.Creation creation = registry.create(Actors.of(principal, actingFor, actingForRole), body,
                onboardingId(onboardingId));
        CreatedTenant created = creation.tenant();
        if (creation.replayed()) {
            return Response.ok(created).build();
        }
        return Response.created(URI.create("/v1/tenants/" + created.tenant().tenantId())).entity(created).build();
    }

    /** A tenant user (or an impersonating admin) lists its own tenant only. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.SERVICE})
    @AllowedServices({WORKER, GATES})
    public TenantList list(@Auth PlatformPrincipal caller, @QueryParam("status") String status,
                                    @QueryParam("tier") String tier, @QueryParam("q") String query,
                                    @QueryParam("limit") @DefaultValue("100") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw ApiException.badRequest("invalid_request", "limit must be 1..1000 and offset at least 0");
        }
        TenantStatus filter = null;
        if (status != null) {
            try {
                filter = TenantStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_request", e.getMessage());
            }
        }
        Tier tierFilter = null;
        if (tier != null) {
            try {
                tierFilter = Tier.fromWire(tier);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_request", e.getMessage());
            }
        }
        if (query != null && (query.isBlank() || query.length() > 100)) {
            throw ApiException.badRequest("invalid_request", "q must be 1..100 characters");
        }
        List<TenantView> tenants = registry.list(caller, filter, tierFilter, query, limit, offset);
        return new TenantList(tenants, limit, offset);
    }

    @GET
    @Path("/{tenant_id}")
    /** Another tenant's record is 404 to a tenant user: the lookup runs under its own tenant's RLS. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public TenantView get(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        return registry.get(caller, TenantIds.parse(tenantId));
    }

    @PATCH
    @Path("/{tenant_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public TenantView patch(@Auth PlatformPrincipal principal, @HeaderParam(Actors.ACTING_FOR) String actingFor, @PathParam("tenant_id") String tenantId, JsonNode body) {
        return registry.patch(Actors.of(principal, actingFor), TenantIds.parse(tenantId), body);
    }

    @POST
    @Path("/{tenant_id}/webhook-secret/rotate")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public Map<String, Object> rotateWebhookSecret(@Auth PlatformPrincipal principal, @HeaderParam(Actors.ACTING_FOR) String actingFor,
                                                   @PathParam("tenant_id") String tenantId) {
        WebhookInstructions webhook = registry.rotateWebhookSecret(Actors.of(principal, actingFor), TenantIds.parse(tenantId));
        return Map.of("tenant_id", tenantId, "webhook", webhook);
    }

    @POST
    @Path("/{tenant_id}/status")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public TenantView changeStatus(@Auth PlatformPrincipal principal, @HeaderParam(Actors.ACTING_FOR) String actingFor, @PathParam("tenant_id") String tenantId,
                                   JsonNode body) {
        if (body == null || !body.isObject() || !body.path("status").isTextual() || body.size() != 1) {
            throw ApiException.badRequest("invalid_request", "the body must be {\"status\": \"<status>\"}");
        }
        TenantStatus target;
        try {
            target = TenantStatus.fromWire(body.get("status").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", e.getMessage());
        }
        return lifecycle.changeStatus(Actors.of(principal, actingFor), TenantIds.parse(tenantId), target);
    }

    /** Ends an offboarding grace period: the tenant returns, data intact, to its earlier status. Admins only. */
    @POST
    @Path("/{tenant_id}/restore")
    @RolesAllowed(Roles.ADMIN)
    public TenantView restore(@Auth PlatformPrincipal principal, @PathParam("tenant_id") String tenantId) {
        return lifecycle.restore(principal, TenantIds.parse(tenantId));
    }

    /**
     * Starts offboarding (a grace period before erasure, docs/runbooks/offboarding.md);
     * {@code ?purge=true} instead erases at once a tenant that never went live (onboarding rollback).
     */
    @DELETE
    @Path("/{tenant_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public OffboardResult offboard(@Auth PlatformPrincipal principal, @HeaderParam(Actors.ACTING_FOR) String actingFor, @PathParam("tenant_id") String tenantId,
                                   @QueryParam("purge") @DefaultValue("false") boolean purge) {
        return purge ? lifecycle.purge(Actors.of(principal, actingFor), TenantIds.parse(tenantId))
                : lifecycle.offboard(Actors.of(principal, actingFor), TenantIds.parse(tenantId));
    }

    private static java.util.UUID onboardingId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(header.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", ONBOARDING_ID + " must be a UUID");
        }
    }
}
