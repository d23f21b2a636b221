package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.Ids;
import com.aiagents.platform.console.web.PageException;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues (enhancement-worker's queue API): depths, in flight, the dead letters a page at a time, and
 * re-queueing one after a confirmation page. MSP staff only (tenant users: 404); viewers see no button
 * and are refused if they post anyway.
 */
@Path("/queues")
@Produces(MediaType.TEXT_HTML)
public final class QueueResource {
    private static final int PAGE = 50;
    private static final Map<String, String> NOTICES = Map.of(
            "requeued", "The job was re-queued with its attempts reset.",
            "gone", "That job is no longer among the dead letters (re-queued already?).");

    private final AsPerson calls;
    private final Pages pages;

    public QueueResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    public Response queues(@Context ContainerRequestContext request, @QueryParam("page") @DefaultValue("1") String pageParam,
                           @QueryParam("notice") String notice) {
        Session session = Web.staff(request);
        int page = pageNumber(pageParam);
        Reply depth = calls.get(session, Service.ENHANCEMENT_WORKER, "/v1/queue");
        TenantResource.failUnlessOk(depth, "enhancement-worker");
        Reply dead = calls.get(session, Service.ENHANCEMENT_WORKER, "/v1/queue/dead?offset=" + ((page - 1) * PAGE) + "&limit=" + PAGE);
        TenantResource.failUnlessOk(dead, "enhancement-worker");
        Map<String, Object> model = new HashMap<>();
        JsonNode q = depth.json();
        model.put("total", q.path("total").asText());
        model.put("ingress", q.path("ingress").asText());
        model.put("delayed", q.path("delayed").asText());
        model.put("inFlight", q.path("in_flight").asText());
        model.put("deadCount", q.path("dead").asText());
        List<Map<String, String>> tenants = new ArrayList<>();
        q.path("tenants").properties().forEach(e -> tenants.add(Map.of("tenant", e.getKey(), "queued", e.getValue().asText())));
        model.put("tenants", tenants);
        List<Map<String, Object>> jobs = new ArrayList<>();
        dead.json().path("jobs").forEach(job -> {
            Map<String, Object> row = new HashMap<>();
            row.put("jobId", job.path("job_id").asText(""));
            row.put("readable", job.hasNonNull("job_id"));
            row.put("tenant", job.path("tenant_id").asText("—"));
            row.put("ticket", job.path("ticket_id").asText("—"));
            row.put("event", job.path("event").asText("—"));
            row.put("reason", job.path("dead_reason").asText("—"));
            row.put("deadAt", job.path("dead_at").asText("—"));
            row.put("attempt", job.path("attempt").asText("—"));
            jobs.add(row);
        });
        model.put("jobs", jobs);
        model.put("noJobs", jobs.isEmpty());
        model.put("mayRequeue", session.person().staffChanges());
        long total = dead.json().path("total").asLong(0);
        if (page > 1) {
            model.put("previous", "/queues?page=" + (page - 1));
        }
        if ((long) page * PAGE < total) {
            model.put("next", "/queues?page=" + (page + 1));
        }
        if (notice != null && NOTICES.containsKey(notice)) {
            model.put("notice", NOTICES.get(notice));
        }
        return pages.page("queues", "Queues", session, model);
    }

    @GET
    @Path("dead/{job}/requeue")
    public Response confirmRequeue(@Context ContainerRequestContext request, @PathParam("job") String jobParam) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        return pages.page("requeue", "Re-queue a dead letter", session, Map.of("jobId", Ids.opaque(jobParam)));
    }

    @POST
    @Path("dead/{job}/requeue")
    public Response requeue(@Context ContainerRequestContext request, @PathParam("job") String jobParam) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        Reply reply = calls.post(session, Service.ENHANCEMENT_WORKER, "/v1/queue/dead/" + Ids.opaque(jobParam) + "/requeue", null);
        if (reply.status() == 404) {
            return Response.seeOther(URI.create("/queues?notice=gone")).build();
        }
        TenantResource.failUnlessOk(reply, "enhancement-worker");
        return Response.seeOther(URI.create("/queues?notice=requeued")).build();
    }

    private static int pageNumber(String value) {
        try {
            int page = Integer.parseInt(value);
            return page < 1 ? 1 : Math.min(page, 100_000);
        } catch (NumberFormatException e) {
            throw new PageException(400, "Bad request", "The page number is not a number.");
        }
    }
}
