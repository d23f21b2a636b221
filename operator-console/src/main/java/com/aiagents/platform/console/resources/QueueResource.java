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
 * Queues (enhancement-worker's queue API): depths, each tenant's queued, deferred, in-flight and dead
 * jobs, the dead letters a page at a time, and re-queueing or discarding one (or discarding all, or a
 * tenant's) after a confirmation page. MSP staff only (tenant users: 404); viewers see no button
 * and are refused if they post anyway.
 */
@Path("/queues")
@Produces(MediaType.TEXT_HTML)
public final class QueueResource {
    private static final int PAGE = 50;
    private static final Map<String, String> NOTICES = Map.of(
            "requeued", "The job was re-queued with its attempts reset.",
            "gone", "That job is no longer among the dead letters (re-queued or discarded already?).",
            "discarded", "The dead letter was discarded.",
            "discarded-all", "The dead letters were discarded.");
    private static final int TENANTS = 200;

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
        Reply perTenant = calls.get(session, Service.ENHANCEMENT_WORKER, "/v1/queue/tenants?offset=0&limit=" + TENANTS);
        TenantResource.failUnlessOk(perTenant, "enhancement-worker");
        List<Map<String, Object>> tenants = new ArrayList<>();
        perTenant.json().path("tenants").forEach(t -> {
            Map<String, Object> row = new HashMap<>();
            row.put("tenant", t.path("tenant_id").asText());
            row.put("queued", t.path("queued").asText("—"));
            row.put("deferred", t.path("deferred").asText("—"));
            row.put("inFlight", t.path("in_flight").asText("—"));
            row.put("dead", t.path("dead_letters").asText("—"));
            row.put("hasDead", t.path("dead_letters").asLong(0) > 0);
            tenants.add(row);
        });
        model.put("tenants", tenants);
        model.put("noTenants", tenants.isEmpty());
        long tenantTotal = perTenant.json().path("total").asLong(tenants.size());
        if (tenantTotal > tenants.size()) {
            model.put("moreTenants", "The first " + tenants.size() + " of " + tenantTotal + " tenants (by id).");
        }
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
        model.put("mayDiscardAll", session.person().staffChanges() && q.path("dead").asLong(0) > 0);
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

    @GET
    @Path("dead/{job}/discard")
    public Response confirmDiscard(@Context ContainerRequestContext request, @PathParam("job") String jobParam) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        String job = Ids.opaque(jobParam);
        return pages.page("discard", "Discard a dead letter", session,
                Map.of("one", true, "jobId", job, "action", "/queues/dead/" + job + "/discard"));
    }

    @POST
    @Path("dead/{job}/discard")
    public Response discard(@Context ContainerRequestContext request, @PathParam("job") String jobParam) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        Reply reply = calls.post(session, Service.ENHANCEMENT_WORKER, "/v1/queue/dead/" + Ids.opaque(jobParam) + "/discard", null);
        if (reply.status() == 404) {
            return Response.seeOther(URI.create("/queues?notice=gone")).build();
        }
        TenantResource.failUnlessOk(reply, "enhancement-worker");
        return Response.seeOther(URI.create("/queues?notice=discarded")).build();
    }

    /** Discard every dead letter, or one tenant's ({@code tenant_id}): confirmation first. */
    @GET
    @Path("dead/discard")
    public Response confirmDiscardAll(@Context ContainerRequestContext request, @QueryParam("tenant_id") String tenantParam) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        Map<String, Object> model = new HashMap<>();
        model.put("all", true);
        if (tenantParam != null && !tenantParam.isEmpty()) {
            String tenant = Ids.tenant(tenantParam);
            model.put("tenant", tenant);
            model.put("action", "/queues/dead/discard?tenant_id=" + tenant);
        } else {
            model.put("action", "/queues/dead/discard");
        }
        return pages.page("discard", "Discard dead letters", session, model);
    }

    @POST
    @Path("dead/discard")
    public Response discardAll(@Context ContainerRequestContext request, @QueryParam("tenant_id") String tenantParam) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        String path = "/v1/queue/dead/discard";
        if (tenantParam != null && !tenantParam.isEmpty()) {
            path += "?tenant_id=" + Ids.tenant(tenantParam);
        }
        Reply reply = calls.post(session, Service.ENHANCEMENT_WORKER, path, null);
        TenantResource.failUnlessOk(reply, "enhancement-worker");
        return Response.seeOther(URI.create("/queues?notice=discarded-all")).build();
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
