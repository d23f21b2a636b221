package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.UserView;
import com.aiagents.platform.tenant.core.Users;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * People's accounts (docs/api/tenant-service.md#people): an admin (a person, or PLATFORM_ADMIN_TOKEN)
 * manages everyone; a tenant_admin its own tenant's users; anything of another tenant is 404.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final Users users;

    public UserResource(Users users) {
        this.users = users;
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.TENANT_ADMIN})
    public Response create(@Auth PlatformPrincipal caller, JsonNode body) {
        UserView created = UserView.of(users.create(caller, Users.parse(body)));
        return Response.created(URI.create("/v1/users/" + created.id())).entity(created).build();
    }

    /** Staff accounts, or with {@code ?tenant_id=} (implied for a tenant_admin) one tenant's users. */
    @GET
    @Path("/users")
    @RolesAllowed({Roles.ADMIN, Roles.TENANT_ADMIN})
    public Map<String, Object> list(@Auth PlatformPrincipal caller, @QueryParam("tenant_id") String tenantId) {
        return Map.of("users", users.list(caller, tenantId).stream().map(UserView::of).toList());
    }

    /** A tenant user is named with {@code ?tenant_id=} by an admin (implied for a tenant_admin). */
    @DELETE
    @Path("/users/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TENANT_ADMIN})
    public Response delete(@Auth PlatformPrincipal caller, @PathParam("id") String id,
                           @QueryParam("tenant_id") String tenantId) {
        users.delete(caller, parse(id), tenantId);
        return Response.noContent().build();
    }

    /** Revokes every session of the user at once; it cannot sign in until enabled. Same reach as DELETE. */
    @POST
    @Path("/users/{id}/disable")
    @RolesAllowed({Roles.ADMIN, Roles.TENANT_ADMIN})
    public UserView disable(@Auth PlatformPrincipal caller, @PathParam("id") String id,
                            @QueryParam("tenant_id") String tenantId) {
        return UserView.of(users.setDisabled(caller, parse(id), tenantId, true));
    }

    /** The user may sign in again (its revoked sessions stay revoked). Same reach as DELETE. */
    @POST
    @Path("/users/{id}/enable")
    @RolesAllowed({Roles.ADMIN, Roles.TENANT_ADMIN})
    public UserView enable(@Auth PlatformPrincipal caller, @PathParam("id") String id,
                           @QueryParam("tenant_id") String tenantId) {
        return UserView.of(users.setDisabled(caller, parse(id), tenantId, false));
    }

    /** The caller: a person's account, or a configured token's name and role. */
    @GET
    @Path("/me")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    public Map<String, Object> me(@Auth PlatformPrincipal caller) {
        return users.me(caller).<Map<String, Object>>map(user -> Map.of("user", UserView.of(user)))
                .orElseGet(() -> Map.of("token", Map.of("name", caller.name(), "role", caller.role().value())));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("user_not_found", "no such user");
        }
    }
}
