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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fleet: every tenant, a page at a time (tenant-service's paged listing, searched by id or name and
 * filtered by status and tier on the server), with each tenant's activity (enhancement-worker's
 * {@code /v1/fleet/activity}) and last gate run (gates-runner's {@code /v1/gate-runs/latest}): one
 * batch call each for the whole page, the two in parallel. A lookup that fails or is not there shows
 * "—": the page never depends on them. MSP staff only; a tenant user goes to its own tenant.
 */
@Path("/fleet")
@Produces(MediaType.TEXT_HTML)
public final class FleetResource {
    static final int PAGE = 50;
    /** The page sizes offered; 200 is what the two batch lookups take in one call. */
    static final List<Integer> SIZES = List.of(25, 50, 100, 200);
    private static final long LOOKUP_BUDGET_MS = 4000;
    private static final int MAX_QUERY = 100;
    private static final Set<String> STATUSES = Set.of("onboarding", "configured", "active", "suspended", "offboarding", "offboarded");
    private static final Set<String> TIERS = Set.of("basic", "premium");
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
                          @QueryParam("tier") String tier, @QueryParam("q") String search,
                          @QueryParam("size") String sizeParam,
                          @QueryParam("page") @DefaultValue("1") String pageParam, @QueryParam("tenant") String jump) {
        Session session = Web.signedIn(request);
        if (!session.person().staff()) {
            return Response.seeOther(URI.create("/tenants/" + session.person().tenantId())).build();
        }
        if (jump != null && !jump.isBlank()) {
            return Response.seeOther(URI.create("/tenants/" + Ids.tenant(jump.trim()))).build();
        }
        String statusFilter = status != null && STATUSES.contains(status) ? status : "";
        String tierFilter = tier != null && TIERS.contains(tier) ? tier : "";
        String q = search == null ? "" : search.strip();
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        int size = pageSize(sizeParam);
        int page = pageNumber(pageParam);
        String filters = param("status", statusFilter) + param("tier", tierFilter) + param("q", q);
        String query = "/v1/tenants?limit=" + (size + 1) + "&offset=" + ((long) (page - 1) * size) + filters;
        Reply listing = calls.get(session, Service.TENANT_SERVICE, query);
        Map<String, Object> model = new HashMap<>();
        model.put("statuses", options(STATUSES, statusFilter));
        model.put("tiers", options(TIERS, tierFilter));
        model.put("sizes", SIZES.stream().map(s -> Map.of("value", s, "selected", s == size)).toList());
        model.put("q", q);
        if (!listing.ok()) {
            model.put("unavailable", "The tenant list could not be read (tenant-service answered "
                    + (listing.status() == 0 ? "nothing" : listing.status()) + ").");
            return pages.page(listing.status() == 403 ? 403 : 503, "fleet", "Fleet", session, model);
        }
        List<JsonNode> tenants = new ArrayList<>();
        listing.json().path("tenants").forEach(tenants::add);
        boolean more = tenants.size() > size;
        List<JsonNode> shown = more ? tenants.subList(0, size) : tenants;
        List<Map<String, Object>> rows = rows(session, shown);
        model.put("tenants", rows);
        model.put("empty", rows.isEmpty());
        model.put("filtered", !filters.isEmpty());
        model.put("page", page);
        model.put("from", rows.isEmpty() ? 0 : (long) (page - 1) * size + 1);
        model.put("to", (long) (page - 1) * size + rows.size());
        String base = "/fleet?" + filters.replaceFirst("^&", "") + (filters.isEmpty() ? "" : "&")
                + (size == PAGE ? "" : "size=" + size + "&");
        if (page > 1) {
            model.put("previous", base + "page=" + (page - 1));
        }
        if (more) {
            model.put("next", base + "page=" + (page + 1));
        }
        return pages.page("fleet", "Fleet", session, model);
    }

    private List<Map<String, Object>> rows(Session session, List<JsonNode> tenants) {
        Map<String, JsonNode> activity = Map.of();
        Map<String, JsonNode> latest = Map.of();
        if (!tenants.isEmpty()) {
            StringBuilder ids = new StringBuilder();
            for (JsonNode tenant : tenants) {
                ids.append(ids.isEmpty() ? "?" : "&").append("tenant_id=").append(encode(tenant.path("tenant_id").asText()));
            }
            CompletableFuture<Reply> activityCall = CompletableFuture.supplyAsync(() -> calls.lookup(session,
                    Service.ENHANCEMENT_WORKER, "/v1/fleet/activity" + ids), lookups);
            CompletableFuture<Reply> latestCall = CompletableFuture.supplyAsync(() -> calls.lookup(session,
                    Service.GATES_RUNNER, "/v1/gate-runs/latest" + ids), lookups);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_BUDGET_MS);
            activity = byTenant(body(activityCall, deadline));
            latest = byTenant(body(latestCall, deadline));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode tenant : tenants) {
            String id = tenant.path("tenant_id").asText();
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("name", tenant.path("name").asText());
            row.put("status", tenant.path("status").asText());
            row.put("tier", tenant.path("tier").asText());
            row.put("edition", tenant.path("servicedesk_edition").asText(NONE));
            JsonNode act = activity.getOrDefault(id, MissingNode.getInstance());
            row.put("accepted", number(act, "webhooks_accepted_24h"));
            row.put("notes", number(act, "notes_posted_24h"));
            row.put("queued", number(act, "queue_depth"));
            row.put("deferred", number(act, "deferred"));
            row.put("inFlight", number(act, "in_flight"));
            row.put("dead", number(act, "dead_letters"));
            row.put("helpful", helpful(act));
            JsonNode run = latest.getOrDefault(id, MissingNode.getInstance());
            row.put("lastGateRun", lastRun(run));
            if (run.hasNonNull("run_id")) {
                row.put("runLink", "/tenants/" + id + "/gate-runs/" + encode(run.path("run_id").asText()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The batch answer's {@code tenants} by id: the activity itself, or a run's {@code latest} (null: none). */
    private static Map<String, JsonNode> byTenant(JsonNode answer) {
        Map<String, JsonNode> byId = new HashMap<>();
        answer.path("tenants").forEach(t -> byId.put(t.path("tenant_id").asText(), t.has("latest") ? t.get("latest") : t));
        return byId;
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

    /** helpful / (helpful + not helpful), all-time votes, as "93 % of 129"; "—" with no votes or no answer. */
    static String helpful(JsonNode activity) {
        JsonNode yes = activity.path("helpful");
        JsonNode no = activity.path("not_helpful");
        if (!yes.isNumber() || !no.isNumber() || yes.asLong() + no.asLong() <= 0) {
            return NONE;
        }
        long votes = yes.asLong() + no.asLong();
        return Math.round(100.0 * yes.asLong() / votes) + " % of " + votes;
    }

    /** "passed · 2026-12-05T10:01:12Z" or "failed gates 3 · ..." from a run's brief; "—" without one. */
    static String lastRun(JsonNode run) {
        if (!run.isObject() || !run.has("passed")) {
            return NONE;
        }
        StringBuilder text = new StringBuilder();
        if (run.path("passed").asBoolean()) {
            text.append(run.path("approved").asBoolean() ? "passed, approved" : "passed");
        } else {
            List<String> failed = new ArrayList<>();
            run.path("failed_gates").forEach(g -> failed.add(g.asText()));
            text.append(failed.isEmpty() ? "failed" : (failed.size() == 1 ? "failed gate " : "failed gates ") + String.join(", ", failed));
        }
        String finished = run.path("finished_at").asText("");
        return finished.isEmpty() ? text.toString() : text + " · " + finished;
    }

    private static List<Map<String, Object>> options(Set<String> values, String selected) {
        return values.stream().sorted().map(s -> Map.<String, Object>of("value", s, "selected", s.equals(selected))).toList();
    }

    private static String param(String name, String value) {
        return value.isEmpty() ? "" : "&" + name + "=" + encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int pageSize(String value) {
        try {
            int size = Integer.parseInt(value);
            return SIZES.contains(size) ? size : PAGE;
        } catch (NumberFormatException e) {
            return PAGE;
        }
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
