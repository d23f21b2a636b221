package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.Ids;
import com.aiagents.platform.console.web.PageException;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Suspend, resume and offboard a tenant (tenant-service's status change and {@code DELETE}): each
 * behind a confirmation page on which the person types the tenant id, checked here before the
 * service is called. Staff who may change things only (admin, operator).
 */
@Path("/tenants/{tenant}/lifecycle/{action}")
@Produces(MediaType.TEXT_HTML)
public final class LifecycleResource {
    /** What each action is, says and does. */
    enum Action {
        SUSPEND("Suspend", "Its webhooks are refused (403) and no note is written until it is resumed. Nothing is deleted."),
        RESUME("Resume", "It goes back to active if its last full gate run passed (tenant-service checks this)."),
        OFFBOARD("Offboard", "The grace period starts: webhooks are refused, queued jobs are dead-lettered, and its data "
                + "are erased when the period is over. An admin can restore it until then.");

        final String verb;
        final String consequence;

        Action(String verb, String consequence) {
            this.verb = verb;
            this.consequence = consequence;
        }

        static Action of(String path) {
            for (Action action : values()) {
                if (action.name().equalsIgnoreCase(path)) {
                    return action;
                }
            }
            throw PageException.notFound();
        }
    }

    private final AsPerson calls;
    private final Pages pages;

    public LifecycleResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    public Response confirm(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam,
                            @PathParam("action") String actionParam) {
        String tenant = Ids.tenant(tenantParam);
        Action action = Action.of(actionParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().staffChanges());
        return confirmation(200, session, tenant, action, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam,
                        @PathParam("action") String actionParam, @FormParam("confirm") String typed) {
        String tenant = Ids.tenant(tenantParam);
        Action action = Action.of(actionParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().staffChanges());
        if (typed == null || !tenant.equals(typed.trim())) {
            return confirmation(400, session, tenant, action, "Type the tenant id exactly (" + tenant + ") to confirm.");
        }
        Reply reply = switch (action) {
            case SUSPEND -> calls.post(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/status",
                    Map.of("status", "suspended"));
            case RESUME -> calls.post(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/status",
                    Map.of("status", "active"));
            case OFFBOARD -> calls.delete(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant);
        };
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        if (reply.status() == 409 || reply.status() == 400) {
            // the service's own words: why the transition is refused (gates not passed, wrong status)
            throw new PageException(409, action.verb + ": refused", reply.json().path("message")
                    .asText("tenant-service refused this in the tenant's current status."));
        }
        TenantResource.failUnlessOk(reply, "tenant-service");
        return Response.seeOther(URI.create("/tenants/" + tenant + "?notice=" + action.name().toLowerCase())).build();
    }

    private Response confirmation(int status, Session session, String tenant, Action action, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        model.put("action", action.name().toLowerCase());
        model.put("verb", action.verb);
        model.put("consequence", action.consequence);
        model.put("danger", action != Action.RESUME);
        if (error != null) {
            model.put("error", error);
        }
        return pages.page(status, "lifecycle", action.verb + " " + tenant, session, model);
    }
}
