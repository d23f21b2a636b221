package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.Fragments;
import com.aiagents.platform.console.web.Ids;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's recent enhancements (enhancement-worker's {@code GET /v1/tenants/{id}/enhancements}):
 * the ticket, the note as posted to ServiceDesk Plus (its text as the worker posted it, SDP's note
 * id), and the technicians' votes on it. Loaded into the tenant page by htmx; a
 * worker that cannot answer leaves an empty state, never a broken page.
 */
@Path("/tenants/{tenant}/enhancements")
@Produces(MediaType.TEXT_HTML)
public final class EnhancementsResource {
    private final AsPerson calls;
    private final Pages pages;

    public EnhancementsResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    public Response enhancements(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Reply reply = calls.lookup(session, Service.ENHANCEMENT_WORKER, "/v1/tenants/" + tenant + "/enhancements?limit=20");
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (reply.ok()) {
            reply.json().path("enhancements").forEach(e -> rows.add(row(e)));
        } else {
            model.put("unavailable", Fragments.unavailable(reply, "Enhancements", "enhancement-worker"));
        }
        model.put("rows", rows);
        model.put("hasRows", !rows.isEmpty());
        model.put("none", reply.ok() && rows.isEmpty());
        return Fragments.respond(pages, request, "enhancements", "Enhancements of " + tenant, session, model);
    }

    private static Map<String, Object> row(JsonNode e) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", e.path("id").asText());
        row.put("ticket", e.path("ticket_id").asText());
        row.put("status", e.path("status").asText());
        row.put("when", text(e.path("posted_at"), text(e.path("updated_at"), "—")));
        row.put("note", text(e.path("note"), "—"));
        row.put("marker", text(e.path("note_marker"), "—"));
        row.put("noteId", text(e.path("sdp_note_id"), "—"));
        row.put("model", text(e.path("model"), "—"));
        row.put("error", text(e.path("error"), ""));
        row.put("helpful", e.path("feedback").path("helpful").asLong());
        row.put("notHelpful", e.path("feedback").path("not_helpful").asLong());
        return row;
    }

    private static String text(JsonNode value, String otherwise) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? otherwise : value.asText();
    }
}
