package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.common.auth.PlatformService.GATES;
import static com.aiagents.platform.common.auth.PlatformService.GATEWAY;
import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;
import static com.aiagents.platform.common.auth.PlatformService.WORKER;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.SessionRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The revoked-sessions feed every service polls (docs/people-and-access.md): sessions revoked after
 * {@code since}, and {@code as_of}, the {@code since} of the next poll. {@code as_of} trails the
 * database's clock by {@value #AS_OF_MARGIN_SECONDS} s, so a revocation still committing while this
 * answer was read is listed by the next poll (an entry may come twice; consumers keep a set).
 */
@Path("/internal/v1/auth/revoked-sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@AllowedServices({GATEWAY, WORKER, GATES, PROVISIONING})
public class InternalSessionResource {
    static final int AS_OF_MARGIN_SECONDS = 10;
    static final int MAX_ENTRIES = 10_000;
    private final TenantDatabase database;
    private final SessionRepository sessions;

    public InternalSessionResource(TenantDatabase database, SessionRepository sessions) {
        this.database = database;
        this.sessions = sessions;
    }

    @GET
    public Map<String, Object> revoked(@QueryParam("since") String since) {
        Instant from;
        try {
            from = Instant.parse(since == null ? "" : since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_request", "since must be an ISO-8601 instant such as 2026-12-05T10:00:00Z");
        }
        return database.withoutTenant(handle -> {
            Instant asOf = sessions.now(handle).minus(Duration.ofSeconds(AS_OF_MARGIN_SECONDS));
            List<SessionRepository.Revoked> revoked = sessions.revokedSince(handle, from, MAX_ENTRIES);
            if (revoked.size() == MAX_ENTRIES) {
                // more than one page: the next poll continues from the last one listed
                asOf = revoked.get(revoked.size() - 1).revokedAt();
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("as_of", asOf.isBefore(from) ? from.toString() : asOf.toString());
            answer.put("revoked", revoked.stream().map(r -> Map.of("sid", r.sid().toString(),
                    "revoked_at", r.revokedAt().toString())).toList());
            return answer;
        });
    }
}
