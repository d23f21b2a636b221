package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.Fragments;
import com.aiagents.platform.console.web.Ids;
import com.aiagents.platform.console.web.PageException;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * A tenant's Kubernetes objects and their drift (provisioning-service's
 * {@code GET /v1/tenants/{id}/kubernetes}) and "apply", which converges them to the tier
 * tenant-service records ({@code POST .../kubernetes/apply}, admin and operator).
 */
@Path("/tenants/{tenant}/kubernetes")
@Produces(MediaType.TEXT_HTML)
public final class KubernetesResource {
    private final AsPerson calls;
    private final Pages pages;

    public KubernetesResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    public Response objects(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Reply reply = calls.lookup(session, Service.PROVISIONING_SERVICE, "/v1/tenants/" + tenant + "/kubernetes");
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        if (reply.ok()) {
            model.putAll(status(reply.json()));
            model.put("mayApply", session.person().staffChanges());
        } else {
            model.put("unavailable", Fragments.unavailable(reply, "Kubernetes objects", "provisioning-service"));
        }
        return Fragments.respond(pages, request, "kubernetes", "Kubernetes objects of " + tenant, session, model);
    }

    @POST
    @Path("apply")
    public Response apply(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().staffChanges());
        Reply reply = calls.post(session, Service.PROVISIONING_SERVICE, "/v1/tenants/" + tenant + "/kubernetes/apply", null);
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        if (reply.status() == 502 || reply.status() == 409) {
            throw new PageException(reply.status(), "Not applied", reply.json().path("message").asText("The apply failed."));
        }
        TenantResource.failUnlessOk(reply, "provisioning-service");
        Map<String, Object> model = new HashMap<>(status(reply.json().path("status")));
        model.put("tenant", tenant);
        model.put("mayApply", true);
        List<Map<String, String>> changes = new ArrayList<>();
        reply.json().path("changes").forEach(c -> changes.add(Map.of("kind", c.path("kind").asText(),
                "name", c.path("namespace").asText("") + (c.hasNonNull("namespace") ? "/" : "") + c.path("name").asText(),
                "action", c.path("action").asText())));
        model.put("changes", changes);
        model.put("applied", true);
        return pages.page("kubernetes-page", "Kubernetes objects of " + tenant, session, model);
    }

    private static Map<String, Object> status(JsonNode status) {
        Map<String, Object> model = new HashMap<>();
        model.put("mode", status.path("mode").asText());
        model.put("tier", status.path("tier").asText());
        model.put("converged", status.path("converged").asBoolean());
        List<Map<String, String>> objects = new ArrayList<>();
        status.path("objects").forEach(o -> {
            List<String> differences = new ArrayList<>();
            o.path("differences").forEach(d -> differences.add(d.asText()));
            objects.add(Map.of("kind", o.path("kind").asText(),
                    "name", (o.hasNonNull("namespace") ? o.path("namespace").asText() + "/" : "") + o.path("name").asText(),
                    "state", o.path("state").asText(), "differences", String.join("; ", differences)));
        });
        model.put("objects", objects);
        model.put("hasObjects", !objects.isEmpty());
        return model;
    }
}
