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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's prompt bundle (tenant-service's {@code /v1/tenants/{id}/prompt-bundle}, see
 * docs/prompt-bundles.md): the production version, the draft, the versions, the composed preview
 * (the global bundle with the tenant's overlay, what the worker uses), and an editor that saves the
 * draft and publishes it. admin, operator and the tenant's tenant_admin; others see "not allowed".
 */
@Path("/tenants/{tenant}/prompt-bundle")
@Produces(MediaType.TEXT_HTML)
public final class PromptBundleResource {
    private static final int MAX_SECTIONS = 50;
    private static final int BLANK_ROWS = 2;

    private final AsPerson calls;
    private final Pages pages;

    public PromptBundleResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    public Response bundle(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam,
                           @QueryParam("notice") String notice) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        JsonNode bundle = read(session, tenant);
        JsonNode editing = bundle.path("draft").isObject() ? bundle.path("draft") : bundle.path("production");
        List<Map<String, Object>> rows = new ArrayList<>();
        editing.path("sections").forEach(s -> rows.add(row(s.path("key").asText(), s.path("order").asText(), s.path("text").asText())));
        Map<String, Object> model = model(session, tenant, bundle, rows);
        if ("saved".equals(notice)) {
            model.put("notice", "The draft is saved. Publish it to make it the production version.");
        } else if ("published".equals(notice)) {
            model.put("notice", "Published: the worker uses the new version for the next enhancement.");
        }
        return pages.page("prompt-bundle", "Prompt bundle of " + tenant, session, model);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam,
                         MultivaluedMap<String, String> form) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().mayRotateSecret(tenant));
        List<Map<String, Object>> sections = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < MAX_SECTIONS + BLANK_ROWS; i++) {
            String key = trimmed(form.getFirst("key_" + i));
            String order = trimmed(form.getFirst("order_" + i));
            String text = form.getFirst("text_" + i) == null ? "" : form.getFirst("text_" + i);
            if (key.isEmpty() && text.isBlank()) {
                continue; // an empty row: no section (emptying a row removes its section)
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("key", key);
            section.put("text", text);
            section.put("order", order.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(order) : order);
            sections.add(section);
            rows.add(row(key, order, text));
        }
        Reply reply = calls.put(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/prompt-bundle",
                Map.of("sections", sections));
        if (reply.status() == 400 || reply.status() == 409) {
            Map<String, Object> model = model(session, tenant, read(session, tenant), rows);
            List<String> problems = new ArrayList<>();
            reply.json().path("fields").forEach(f -> problems.add(
                    f.path("field").asText().replace("sections[", "section ").replace("]", "") + ": " + f.path("message").asText()));
            if (problems.isEmpty()) {
                problems.add(reply.json().path("message").asText("tenant-service refused the draft."));
            }
            model.put("problems", problems);
            model.put("hasProblems", true);
            return pages.page(400, "prompt-bundle", "Prompt bundle of " + tenant, session, model);
        }
        failUnlessOk(reply);
        return Response.seeOther(URI.create("/tenants/" + tenant + "/prompt-bundle?notice=saved")).build();
    }

    @POST
    @Path("publish")
    public Response publish(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().mayRotateSecret(tenant));
        Reply reply = calls.post(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/prompt-bundle/publish", null);
        if (reply.status() == 409) {
            throw new PageException(409, "Not published", reply.json().path("message").asText("There is no draft to publish."));
        }
        failUnlessOk(reply);
        return Response.seeOther(URI.create("/tenants/" + tenant + "/prompt-bundle?notice=published")).build();
    }

    private JsonNode read(Session session, String tenant) {
        Reply reply = calls.get(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/prompt-bundle");
        failUnlessOk(reply);
        return reply.json();
    }

    private static void failUnlessOk(Reply reply) {
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        TenantResource.failUnlessOk(reply, "tenant-service");
    }

    private Map<String, Object> model(Session session, String tenant, JsonNode bundle, List<Map<String, Object>> rows) {
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        model.put("mayEdit", session.person().mayRotateSecret(tenant));
        List<Map<String, Object>> editable = new ArrayList<>(rows);
        for (int i = 0; i < BLANK_ROWS && editable.size() < MAX_SECTIONS + BLANK_ROWS; i++) {
            editable.add(row("", "", ""));
        }
        for (int i = 0; i < editable.size(); i++) {
            editable.get(i).put("i", i);
            editable.get(i).put("n", i + 1);
        }
        model.put("rows", editable);
        model.put("production", version(bundle.path("production")));
        model.put("draft", version(bundle.path("draft")));
        List<Map<String, String>> versions = new ArrayList<>();
        bundle.path("versions").forEach(v -> versions.add(Map.of("version", v.path("version").asText(),
                "status", v.path("status").asText(), "by", v.path("created_by").asText(""),
                "published", v.path("published_at").asText("—"))));
        model.put("versions", versions);
        Reply composed = calls.lookup(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/prompt-bundle/composed");
        if (composed.ok()) {
            List<Map<String, String>> sections = new ArrayList<>();
            composed.json().path("sections").forEach(s -> sections.add(Map.of("key", s.path("key").asText(),
                    "source", s.path("source").asText(), "text", s.path("text").asText())));
            model.put("composed", Map.of("version", composed.json().path("version").asText(),
                    "sha", composed.json().path("sha256").asText(), "sections", sections));
        }
        return model;
    }

    private static Object version(JsonNode version) {
        if (!version.isObject()) {
            return null;
        }
        List<Map<String, String>> sections = new ArrayList<>();
        version.path("sections").forEach(s -> sections.add(Map.of("key", s.path("key").asText(),
                "order", s.path("order").asText(), "text", s.path("text").asText())));
        return Map.of("version", version.path("version").asText(), "by", version.path("created_by").asText(""),
                "at", version.path("updated_at").asText(version.path("created_at").asText("")), "sections", sections);
    }

    private static Map<String, Object> row(String key, String order, String text) {
        Map<String, Object> row = new HashMap<>();
        row.put("key", key);
        row.put("order", order);
        row.put("text", text);
        return row;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
