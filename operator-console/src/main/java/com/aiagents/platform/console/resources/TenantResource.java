package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Person;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
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
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant: its configuration (the record as tenant-service shows it, which never holds a secret),
 * its gate runs, and the actions the person's role may take: rotate the webhook secret (shown once,
 * on the answer page only), run the gates. A tenant user asking for another tenant's page gets 404.
 */
@Path("/tenants/{tenant}")
@Produces(MediaType.TEXT_HTML)
public final class TenantResource {
    private static final Logger LOG = LoggerFactory.getLogger(TenantResource.class);
    private static final Map<String, String> NOTICES = Map.of(
            "gates-started", "The gate run has started. It takes up to a few minutes; reload this page to see it.",
            "suspend", "The tenant is suspended.", "resume", "The tenant is active again.",
            "offboard", "The tenant is offboarding: its data are erased when the grace period is over.");

    private final AsPerson calls;
    private final Pages pages;
    private final ExecutorService background;

    public TenantResource(AsPerson calls, Pages pages, ExecutorService background) {
        this.calls = calls;
        this.pages = pages;
        this.background = background;
    }

    @GET
    public Response tenant(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam,
                           @QueryParam("notice") String notice) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Person person = session.person();
        JsonNode record = record(session, tenant);
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        model.put("name", record.path("name").asText());
        model.put("status", record.path("status").asText());
        model.put("facts", facts(record));
        model.put("mayRotate", person.mayRotateSecret(tenant));
        model.put("mayRunGates", person.staffChanges());
        String status = record.path("status").asText();
        model.put("maySuspend", person.staffChanges() && "active".equals(status));
        model.put("mayResume", person.staffChanges() && "suspended".equals(status));
        model.put("mayOffboard", person.staffChanges() && !status.startsWith("offboard"));
        model.put("mayEditBundle", person.mayRotateSecret(tenant));
        if (notice != null && NOTICES.containsKey(notice)) {
            model.put("notice", NOTICES.get(notice));
        }
        Reply runs = calls.lookup(session, Service.GATES_RUNNER, "/v1/tenants/" + tenant + "/gate-runs?limit=10");
        if (runs.ok()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            runs.json().path("runs").forEach(run -> rows.add(run(tenant, run)));
            model.put("runs", rows);
            model.put("noRuns", rows.isEmpty());
            model.put("hasRuns", !rows.isEmpty());
        } else {
            model.put("runsUnavailable", runs.status() == 403
                    ? "Gate runs are not shown to your role."
                    : "Gate runs could not be read (gates-runner answered " + (runs.status() == 0 ? "nothing" : runs.status()) + ").");
        }
        return pages.page("tenant", "Tenant " + tenant, session, model);
    }

    @GET
    @Path("gate-runs/{run}")
    public Response gateRun(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam,
                            @PathParam("run") String runParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Reply reply = calls.get(session, Service.GATES_RUNNER, "/v1/gate-runs/" + Ids.opaque(runParam));
        if (reply.status() == 404 || (reply.ok() && !tenant.equals(reply.json().path("tenant_id").asText()))) {
            throw PageException.notFound();
        }
        failUnlessOk(reply, "gates-runner");
        Map<String, Object> model = new HashMap<>(run(tenant, reply.json()));
        List<Map<String, Object>> gates = new ArrayList<>();
        reply.json().path("gates").forEach(gate -> gates.add(Map.of(
                "gate", gate.path("gate").asText(), "name", gate.path("name").asText(),
                "passed", gate.path("passed").asBoolean(), "summary", gate.path("summary").asText(),
                "duration", gate.path("duration_ms").asText())));
        model.put("gates", gates);
        model.put("report", reply.json().path("report").asText());
        model.put("tenant", tenant);
        return pages.page("gate-run", "Gate run " + reply.json().path("run_id").asText(), session, model);
    }

    @POST
    @Path("webhook-secret/rotate")
    public Response rotate(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().mayRotateSecret(tenant));
        Reply reply = calls.post(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant + "/webhook-secret/rotate", null);
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        if (reply.status() == 409) {
            throw new PageException(409, "Not rotated", "The webhook secret cannot be rotated in the tenant's current status.");
        }
        failUnlessOk(reply, "tenant-service");
        JsonNode webhook = reply.json().path("webhook");
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        model.put("url", webhook.path("url").asText());
        model.put("mode", webhook.path("mode").asText());
        model.put("header", webhook.path("signature_header").asText());
        model.put("hmac", "hmac".equals(webhook.path("mode").asText()));
        model.put("secret", webhook.path("secret").asText());
        model.put("previousValidUntil", webhook.path("previous_secret_valid_until").asText(""));
        return pages.page("secret", "New webhook secret for " + tenant, session, model);
    }

    @POST
    @Path("gate-runs")
    public Response runGates(@Context ContainerRequestContext request, @PathParam("tenant") String tenantParam) {
        String tenant = Ids.tenant(tenantParam);
        Session session = Web.seeing(request, tenant);
        Web.allowed(session.person(), session.person().staffChanges());
        background.execute(() -> {
            Reply reply = calls.postSlow(session, Service.GATES_RUNNER, "/v1/gate-runs",
                    Map.of("tenant_id", tenant, "gates", List.of(1, 2, 3, 4)));
            LOG.info("event=console_gate_run tenant_id={} status={} error={}", tenant, reply.status(), reply.error());
        });
        return Response.seeOther(URI.create("/tenants/" + tenant + "?notice=gates-started")).build();
    }

    private JsonNode record(Session session, String tenant) {
        Reply reply = calls.get(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant);
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        failUnlessOk(reply, "tenant-service");
        return reply.json();
    }

    static void failUnlessOk(Reply reply, String service) {
        if (reply.status() == 403) {
            throw new PageException(403, "Not allowed", "Your role may not see or do this.");
        }
        if (!reply.ok()) {
            throw new PageException(503, "Not available", service + " did not answer as expected ("
                    + (reply.status() == 0 ? "no answer" : reply.status() + " " + reply.error()) + "). Try again shortly.");
        }
    }

    /** The record's configuration, label by label; the record holds no secret (credentials show as "configured"). */
    private static List<Map<String, String>> facts(JsonNode record) {
        List<Map<String, String>> facts = new ArrayList<>();
        fact(facts, "Tenant id", record.path("tenant_id"));
        fact(facts, "Name", record.path("name"));
        fact(facts, "Status", record.path("status"));
        fact(facts, "Tier", record.path("tier"));
        fact(facts, "Administrator's e-mail", record.path("admin_contact_email"));
        fact(facts, "ServiceDesk Plus URL", record.path("servicedesk_url"));
        fact(facts, "ServiceDesk Plus edition", record.path("servicedesk_edition"));
        facts.add(Map.of("label", "ServiceDesk Plus credentials",
                "value", record.path("servicedesk_credentials").path("configured").asBoolean() ? "configured" : "not configured"));
        fact(facts, "Context scope", record.path("context_scope"));
        fact(facts, "Webhook authentication", record.path("webhook_auth").path("mode"));
        JsonNode prefs = record.path("enhancement_preferences");
        fact(facts, "Note format", prefs.path("output_format"));
        fact(facts, "Max tokens", prefs.path("max_tokens"));
        fact(facts, "LLM model", prefs.path("llm_model"));
        if (prefs.path("context_sources").isArray()) {
            List<String> sources = new ArrayList<>();
            prefs.path("context_sources").forEach(s -> sources.add(s.asText()));
            facts.add(Map.of("label", "Context sources", "value", String.join(", ", sources)));
        }
        fact(facts, "Requests per minute", record.path("rate_limits").path("requests_per_minute"));
        JsonNode llm = record.path("llm_endpoint");
        if (llm.isObject()) {
            facts.add(Map.of("label", "Own LLM endpoint", "value",
                    llm.path("base_url").asText() + " (" + llm.path("model").asText() + ", key "
                            + (llm.path("api_key_configured").asBoolean() ? "configured" : "not configured") + ")"));
        }
        fact(facts, "Created", record.path("created_at"));
        fact(facts, "Updated", record.path("updated_at"));
        return facts;
    }

    private static void fact(List<Map<String, String>> facts, String label, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            facts.add(Map.of("label", label, "value", value.asText()));
        }
    }

    private static Map<String, Object> run(String tenant, JsonNode run) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", run.path("run_id").asText());
        row.put("link", "/tenants/" + tenant + "/gate-runs/" + run.path("run_id").asText());
        row.put("passed", run.path("passed").asBoolean());
        row.put("approved", run.path("approved").asBoolean());
        row.put("summary", FleetResource.lastRun(run));
        return row;
    }
}
