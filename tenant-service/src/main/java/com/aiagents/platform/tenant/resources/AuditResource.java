package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.AuditQueries;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The audit log for people (the console's audit page): {@code GET /v1/audit}, newest first, filtered
 * by actor, tenant, action and time, paged by {@code before} (an entry id). Staff read every entry;
 * a tenant user only its own tenant's (asking for another tenant: 404, as everywhere).
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private static final int MAX_LIMIT = 200;

    /** The answer: {@code next} is the {@code before} of the following page, null on the last one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuditPage(@JsonProperty("entries") List<EntryView> entries, @JsonProperty("next") String next) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EntryView(@JsonProperty("id") String id, @JsonProperty("occurred_at") Instant occurredAt,
                            @JsonProperty("actor") String actor, @JsonProperty("actor_role") String actorRole,
                            @JsonProperty("action") String action, @JsonProperty("tenant_id") String tenantId,
                            @JsonProperty("details") JsonNode details) {
    }

    private final TenantDatabase database;
    private final AuditQueries queries;

    public AuditResource(TenantDatabase database, AuditQueries queries) {
        this.database = database;
        this.queries = queries;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    public AuditPage list(@Auth PlatformPrincipal caller, @QueryParam("actor") String actor,
                          @QueryParam("tenant_id") String tenantId, @QueryParam("action") String action,
                          @QueryParam("since") String since, @QueryParam("until") String until,
                          @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("before") String before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_LIMIT);
        }
        String tenant = blank(tenantId) ? null : TenantIds.parse(tenantId.trim()).value();
        Optional<TenantId> scope = caller.tenantScope();
        if (scope.isPresent()) {
            if (tenant != null && !tenant.equals(scope.get().value())) {
                throw ApiException.notFound("tenant_not_found", "no tenant " + tenant);
            }
            tenant = scope.get().value();
        }
        AuditQueries.Filter filter = new AuditQueries.Filter(blank(actor) ? null : actor.trim(), tenant,
                blank(action) ? null : action.trim(), instant("since", since), instant("until", until), cursor(before), limit);
        List<EntryView> entries = database.withoutTenant(handle -> queries.list(handle, filter)).stream()
                .map(e -> new EntryView(Long.toString(e.id()), e.occurredAt(), e.actor(), e.actorRole(), e.action(),
                        e.tenantId(), e.details()))
                .toList();
        String next = entries.size() == limit ? entries.get(entries.size() - 1).id() : null;
        return new AuditPage(entries, next);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_" + name, name + " must be an ISO-8601 instant such as 2026-12-06T00:00:00Z");
        }
    }

    private static Long cursor(String before) {
        if (blank(before)) {
            return null;
        }
        try {
            return Long.parseLong(before.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_before", "before must be the next value of a previous page");
        }
    }
}
