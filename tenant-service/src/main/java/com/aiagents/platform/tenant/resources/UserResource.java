package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.UserView;
import com.aiagents.platform.tenant.core.Caller;
import com.aiagents.platform.tenant.core.Users;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
    private final Callers callers;

    public UserResource(Users users, Callers callers) {
        this.users = users;
        this.callers = callers;
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context HttpHeaders headers, JsonNode body) {
        Caller caller = callers.personOrToken(headers);
        UserView created = UserView.of(users.create(caller, Users.parse(body)));
        return Response.created(URI.create("/v1/users/" + created.id())).entity(created).build();
    }

    /** Staff accounts, or with {@code ?tenant_id=} (implied for a tenant_admin) one tenant's users. */
    @GET
    @Path("/users")
    public Map<String, Object> list(@Context HttpHeaders headers, @QueryParam("tenant_id") String tenantId) {
        Caller caller = callers.personOrToken(headers);
        return Map.of("users", users.list(caller, tenantId).stream().map(UserView::of).toList());
    }

    /** A tenant user is named with {@code ?tenant_id=} by an admin (implied for a tenant_admin). */
    @DELETE
    @Path("/users/{id}")
    public Response delete(@Context HttpHeaders headers, @PathParam("id") String id,
                           @QueryParam("tenant_id") String tenantId) {
        Caller caller = callers.personOrToken(headers);
        users.delete(caller, parse(id), tenantId);
        return Response.noContent().build();
    }

    /** The caller: a person's account, or a configured token's name and role. */
    @GET
    @Path("/me")
    public Map<String, Object> me(@Context HttpHeaders headers) {
        Caller caller = callers.personOrToken(headers);
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
