package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.PageException;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log (tenant-service's {@code GET /v1/audit}): who did what to which tenant, filtered by
 * person, tenant, action (a trailing {@code *} matches a prefix) and time (UTC), newest first, paged.
 * A tenant user sees its own tenant's entries only (tenant-service enforces it).
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
public final class AuditResource {
    private final AsPerson calls;
    private final Pages pages;

    public AuditResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    public Response audit(@Context ContainerRequestContext request, @QueryParam("actor") String actor,
                          @QueryParam("tenant_id") String tenant, @QueryParam("action") String action,
                          @QueryParam("since") String since, @QueryParam("until") String until,
                          @QueryParam("before") String before) {
        Session session = Web.signedIn(request);
        Map<String, String> filters = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        put(filters, "actor", actor);
        put(filters, "tenant_id", session.person().staff() ? tenant : session.person().tenantId());
        put(filters, "action", action);
        put(filters, "since", instant(since, "From", problems));
        put(filters, "until", instant(until, "Until", problems));
        Map<String, Object> model = new HashMap<>();
        model.put("actor", value(actor));
        model.put("tenant", value(filters.get("tenant_id")));
        model.put("tenantFixed", !session.person().staff());
        model.put("action", value(action));
        model.put("since", value(since));
        model.put("until", value(until));
        if (!problems.isEmpty()) {
            model.put("problems", problems);
            return pages.page(400, "audit", "Audit log", session, model);
        }
        StringBuilder query = new StringBuilder("?limit=50");
        filters.forEach((k, v) -> query.append('&').append(k).append('=').append(encode(v)));
        if (before != null && before.matches("\\d{1,19}")) {
            query.append("&before=").append(before);
        }
        Reply reply = calls.get(session, Service.TENANT_SERVICE, "/v1/audit" + query);
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        if (reply.status() == 400) {
            model.put("problems", List.of(reply.json().path("message").asText("The filter is not valid.")));
            return pages.page(400, "audit", "Audit log", session, model);
        }
        TenantResource.failUnlessOk(reply, "tenant-service");
        List<Map<String, String>> rows = new ArrayList<>();
        reply.json().path("entries").forEach(e -> rows.add(Map.of("id", e.path("id").asText(),
                "when", e.path("occurred_at").asText(), "actor", e.path("actor").asText(),
                "role", e.path("actor_role").asText(), "action", e.path("action").asText(),
                "tenant", e.path("tenant_id").asText(""), "details", e.path("details").toString())));
        model.put("entries", rows);
        model.put("none", rows.isEmpty());
        String next = reply.json().path("next").asText("");
        if (!next.isEmpty()) {
            StringBuilder link = new StringBuilder("/audit?before=").append(encode(next));
            Map<String, String> own = new LinkedHashMap<>();
            put(own, "actor", actor);
            put(own, "tenant_id", session.person().staff() ? tenant : null);
            put(own, "action", action);
            put(own, "since", since);
            put(own, "until", until);
            own.forEach((k, v) -> link.append('&').append(k).append('=').append(encode(v)));
            model.put("next", link.toString());
        }
        return pages.page("audit", "Audit log", session, model);
    }

    /** The form's time (a datetime-local input, read as UTC) or an ISO instant, as an ISO instant. */
    private static String instant(String typed, String label, List<String> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.trim();
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException notLocal) {
                problems.add(label + ": not a date and time (for example 2026-12-06T09:30).");
                return null;
            }
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }

    private static String value(String value) {
        return value == null ? "" : value.trim();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
