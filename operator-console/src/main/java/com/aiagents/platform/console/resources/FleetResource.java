package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.Ids;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fleet: every tenant, a page at a time (tenant-service's paged listing, so 1,000 tenants are 20
 * pages, never one big answer), with each tenant's activity (enhancement-worker) and last gate run
 * (gates-runner) looked up in parallel for the page's rows only. A lookup that fails or is not there
 * shows "—": the page never depends on them. MSP staff only; a tenant user goes to its own tenant.
 */
@Path("/fleet")
@Produces(MediaType.TEXT_HTML)
public final class FleetResource {
    static final int PAGE = 50;
    private static final long LOOKUP_BUDGET_MS = 4000;
    private static final Set<String> STATUSES = Set.of("onboarding", "configured", "active", "suspended", "offboarding", "offboarded");
    private static final String NONE = "—";

    private final AsPerson calls;
    private final Pages pages;
    private final ExecutorService lookups;

    public FleetResource(AsPerson calls, Pages pages, ExecutorService lookups) {
        this.calls = calls;
        this.pages = pages;
        this.lookups = lookups;
    }

    @GET
    public Response fleet(@Context ContainerRequestContext request, @QueryParam("status") String status,
                          @QueryParam("page") @DefaultValue("1") String pageParam, @QueryParam("tenant") String jump) {
        Session session = Web.signedIn(request);
        if (!session.person().staff()) {
            return Response.seeOther(URI.create("/tenants/" + session.person().tenantId())).build();
        }
        if (jump != null && !jump.isBlank()) {
            return Response.seeOther(URI.create("/tenants/" + Ids.tenant(jump.trim()))).build();
        }
        String filter = status != null && STATUSES.contains(status) ? status : "";
        int page = pageNumber(pageParam);
        String query = "/v1/tenants?limit=" + (PAGE + 1) + "&offset=" + ((page - 1) * PAGE)
                + (filter.isEmpty() ? "" : "&status=" + filter);
        Reply listing = calls.get(session, Service.TENANT_SERVICE, query);
        Map<String, Object> model = new HashMap<>();
        model.put("statuses", STATUSES.stream().sorted().map(s -> Map.of("value", s, "selected", s.equals(filter))).toList());
        if (!listing.ok()) {
            model.put("unavailable", "The tenant list could not be read (tenant-service answered "
                    + (listing.status() == 0 ? "nothing" : listing.status()) + ").");
            return pages.page(listing.status() == 403 ? 403 : 503, "fleet", "Fleet", session, model);
        }
        List<JsonNode> tenants = new ArrayList<>();
        listing.json().path("tenants").forEach(tenants::add);
        boolean more = tenants.size() > PAGE;
        List<JsonNode> shown = more ? tenants.subList(0, PAGE) : tenants;
        List<Map<String, Object>> rows = rows(session, shown);
        model.put("tenants", rows);
        model.put("empty", rows.isEmpty());
        model.put("page", page);
        model.put("from", rows.isEmpty() ? 0 : (page - 1) * PAGE + 1);
        model.put("to", (page - 1) * PAGE + rows.size());
        String statusQuery = filter.isEmpty() ? "" : "status=" + filter + "&";
        if (page > 1) {
            model.put("previous", "/fleet?" + statusQuery + "page=" + (page - 1));
        }
        if (more) {
            model.put("next", "/fleet?" + statusQuery + "page=" + (page + 1));
        }
        return pages.page("fleet", "Fleet", session, model);
    }

    private List<Map<String, Object>> rows(Session session, List<JsonNode> tenants) {
        List<CompletableFuture<Reply>> activity = new ArrayList<>();
        List<CompletableFuture<Reply>> gates = new ArrayList<>();
        for (JsonNode tenant : tenants) {
            String id = tenant.path("tenant_id").asText();
            activity.add(CompletableFuture.supplyAsync(() -> calls.lookup(session, Service.ENHANCEMENT_WORKER,
                    "/v1/fleet/activity?tenant_id=" + id), lookups));
            gates.add(CompletableFuture.supplyAsync(() -> calls.lookup(session, Service.GATES_RUNNER,
                    "/v1/gate-runs/latest?tenant_id=" + id), lookups));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_BUDGET_MS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < tenants.size(); i++) {
            JsonNode tenant = tenants.get(i);
            Map<String, Object> row = new HashMap<>();
            row.put("id", tenant.path("tenant_id").asText());
            row.put("name", tenant.path("name").asText());
            row.put("status", tenant.path("status").asText());
            row.put("tier", tenant.path("tier").asText());
            row.put("edition", tenant.path("servicedesk_edition").asText(NONE));
            JsonNode act = body(activity.get(i), deadline);
            row.put("accepted", number(act, "webhooks_accepted_24h"));
            row.put("notes", number(act, "notes_posted_24h"));
            row.put("queued", number(act, "queue_depth"));
            row.put("dead", number(act, "dead_letters"));
            row.put("helpful", ratio(act.path("helpful_ratio")));
            row.put("lastGateRun", lastRun(body(gates.get(i), deadline)));
            rows.add(row);
        }
        return rows;
    }

    /** The lookup's JSON when it answered 2xx in time, else missing. */
    private static JsonNode body(CompletableFuture<Reply> lookup, long deadline) {
        try {
            Reply reply = lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return reply.ok() ? reply.json() : MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MissingNode.getInstance();
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    private static String number(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isNumber() ? value.asText() : NONE;
    }

    private static String ratio(JsonNode value) {
        return value.isNumber() ? Math.round(value.asDouble() * 100) + " %" : NONE;
    }

    /** "4/4 passed · 2026-12-05T10:00Z" from a run; "—" without one. */
    static String lastRun(JsonNode run) {
        JsonNode gates = run.path("gates");
        if (!gates.isArray() || gates.isEmpty()) {
            return NONE;
        }
        int passed = 0;
        String finished = "";
        for (JsonNode gate : gates) {
            passed += gate.path("passed").asBoolean() ? 1 : 0;
            finished = gate.path("finished_at").asText(finished);
        }
        return passed + "/" + gates.size() + " passed" + (finished.isEmpty() ? "" : " · " + finished);
    }

    private static int pageNumber(String value) {
        try {
            int page = Integer.parseInt(value);
            return page < 1 ? 1 : Math.min(page, 100_000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
