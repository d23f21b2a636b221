package com.aiagents.platform.localrun;

import static com.aiagents.platform.localrun.ServiceCatalog.ENHANCEMENT_WORKER;
import static com.aiagents.platform.localrun.ServiceCatalog.GATES_RUNNER;
import static com.aiagents.platform.localrun.ServiceCatalog.PROVISIONING_SERVICE;
import static com.aiagents.platform.localrun.ServiceCatalog.SDP_SIMULATOR;
import static com.aiagents.platform.localrun.ServiceCatalog.TENANT_SERVICE;
import static com.aiagents.platform.localrun.ServiceCatalog.WEBHOOK_GATEWAY;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo: an SDP instance in the simulator, tenant {@code acme-corp} onboarded through
 * {@code POST /v1/onboardings}, its history, knowledge base and inventory seeded, a ticket raised
 * in the simulator whose webhook points at the gateway, and the note the worker posts on it. A
 * step whose service is not running is skipped with that reason, never imitated.
 */
final class DemoScenario {
    static final String TENANT = "acme-corp";
    private static final String SDP_ACCEPT = "application/vnd.manageengine.sdp.v3+json";

    private final LocalPlatform platform;
    private final Steps steps;
    private final HttpJson http;
    private final Console console;
    private final String sdpApiKey = "demo-" + Infrastructure.randomHex(16);

    private String servicedeskUrl;
    private boolean sdpInstance;
    private JsonNode webhook;
    private String tenantStatus = "absent";

    DemoScenario(LocalPlatform platform, Steps steps, HttpJson http) {
        this.platform = platform;
        this.steps = steps;
        this.http = http;
        this.console = steps.console();
    }

    DemoResult run() throws InterruptedException {
        try {
            createSdpInstance();
            onboard();
            Map<String, Integer> seeded = seed();
            connectWebhook();
            String ticketId = raiseTicket();
            String note = awaitNote(ticketId);
            return new DemoResult(TENANT, tenantStatus, seeded, servicedeskUrl, ticketId, note, sdpApiKey);
        } catch (IOException e) {
            steps.failed("demo", "a call failed: " + e.getMessage());
            return new DemoResult(TENANT, tenantStatus, Map.of(), servicedeskUrl, null, null, sdpApiKey);
        }
    }

    private void createSdpInstance() throws IOException, InterruptedException {
        String step = "SDP instance " + TENANT + " in the simulator";
        String simulator = platform.url(SDP_SIMULATOR).orElse(null);
        if (simulator == null) {
            servicedeskUrl = "http://127.0.0.1:" + platform.options().ports().of(SDP_SIMULATOR).app() + "/sdp/" + TENANT;
            steps.skipped(step, "sdp-simulator is not running; the tenant's servicedesk_url points where it would be");
            return;
        }
        Map<String, Object> body = Map.of("name", TENANT, "edition", "onprem", "api_key", sdpApiKey);
        HttpJson.Reply reply = http.json("POST", simulator + "/sim/instances", Map.of(), body);
        if (!reply.ok() || !reply.body().hasNonNull("base_url")) {
            servicedeskUrl = simulator + "/sdp/" + TENANT;
            steps.failed(step, reply.problem());
            return;
        }
        servicedeskUrl = reply.body().get("base_url").asText();
        sdpInstance = true;
        steps.ok(step, servicedeskUrl);
    }

    private Map<String, Object> tenantBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", TENANT);
        body.put("name", "Acme Corporation");
        body.put("tier", "premium");
        body.put("admin_contact_email", "admin@acme.example");
        body.put("servicedesk_url", servicedeskUrl);
        body.put("servicedesk_edition", "onprem");
        body.put("servicedesk_credentials", Map.of("api_key", sdpApiKey));
        body.put("webhook_auth", Map.of("mode", "hmac"));
        body.put("enhancement_preferences", Map.of("output_format", "html", "max_tokens", 500,
                "include_confidence_score", true));
        body.put("rate_limits", Map.of("requests_per_minute", 100));
        return body;
    }

    private void onboard() throws IOException, InterruptedException {
        // The saga runs the four gates: gate 2 asks the worker, gate 3 sends a ticket through SDP, gateway and worker.
        List<String> sagaNeeds = missing(PROVISIONING_SERVICE, GATES_RUNNER, WEBHOOK_GATEWAY, ENHANCEMENT_WORKER,
                SDP_SIMULATOR);
        if (sagaNeeds.isEmpty()) {
            onboardThroughProvisioning(platform.url(PROVISIONING_SERVICE).orElseThrow());
            return;
        }
        String step = "onboarding " + TENANT + " (POST /v1/onboardings)";
        String tenants = platform.url(TENANT_SERVICE).orElse(null);
        if (tenants == null) {
            steps.skipped(step, "tenant-service is not running");
            return;
        }
        steps.skipped(step, String.join(", ", sagaNeeds) + " not running, and the onboarding's gates need them: "
                + "registering the tenant with tenant-service instead (no Kubernetes objects, no gates; "
                + "it stays in status 'onboarding')");
        HttpJson.Reply reply = http.json("POST", tenants + "/v1/tenants", HttpJson.bearer(platform.adminToken()),
                tenantBody());
        String register = "register " + TENANT + " (tenant-service POST /v1/tenants)";
        if (reply.status() == 409) {
            reuseExistingTenant(tenants, register);
        } else if (reply.ok()) {
            webhook = reply.body().path("webhook");
            tenantStatus = reply.body().path("status").asText("onboarding");
            steps.ok(register, "status " + tenantStatus + ", tier premium");
        } else {
            steps.failed(register, reply.problem());
        }
    }

    private void onboardThroughProvisioning(String provisioning) throws IOException, InterruptedException {
        String step = "onboarding " + TENANT + " (POST /v1/onboardings)";
        Map<String, Object> body = tenantBody();
        body.put("idempotency_key", "local-run-" + TENANT);
        Map<String, String> auth = HttpJson.bearer(platform.adminToken());
        console.progress("POST " + provisioning + "/v1/onboardings (tier premium, Kubernetes in manifests mode)");
        HttpJson.Reply reply = http.json("POST", provisioning + "/v1/onboardings", auth, body);
        if (!reply.ok()) {
            steps.failed(step, reply.problem());
            return;
        }
        JsonNode onboarding = reply.body();
        Map<String, String> shown = new HashMap<>();
        printNewSteps(onboarding, shown);
        Instant deadline = Instant.now().plus(platform.options().startTimeout());
        while ("running".equals(onboarding.path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            HttpJson.Reply poll = http.get(provisioning + "/v1/onboardings/"
                    + onboarding.path("onboarding_id").asText(), auth);
            if (poll.ok()) {
                onboarding = poll.body();
                printNewSteps(onboarding, shown);
            }
        }
        if (onboarding.path("webhook").hasNonNull("secret")) {
            webhook = onboarding.path("webhook");
        }
        String status = onboarding.path("status").asText();
        tenantStatus = currentTenantStatus();
        if ("succeeded".equals(status)) {
            steps.ok(step, "succeeded; tenant status " + tenantStatus + "; manifests in "
                    + platform.manifestsDir().resolve(TENANT));
        } else {
            steps.failed(step, "status " + status + "; tenant status " + tenantStatus);
        }
        if (webhook == null && platform.url(TENANT_SERVICE).isPresent()) {
            reuseExistingTenant(platform.url(TENANT_SERVICE).get(), "webhook secret for the demo");
        }
    }

    private void printNewSteps(JsonNode onboarding, Map<String, String> shown) {
        for (JsonNode s : onboarding.path("steps")) {
            String name = s.path("name").asText();
            String status = s.path("status").asText();
            if (!status.equals(shown.put(name, status))) {
                String duration = s.hasNonNull("duration_ms") ? " (" + s.get("duration_ms").asLong() + " ms)" : "";
                String error = s.hasNonNull("error") ? " - " + s.get("error").asText() : "";
                console.progress(String.format("onboarding step %-28s %s%s%s", name, status, duration, error));
            }
        }
    }

    /** The tenant exists from an earlier run on the same database: rotate its secret to learn one. */
    private void reuseExistingTenant(String tenants, String step) throws IOException, InterruptedException {
        HttpJson.Reply rotated = http.json("POST", tenants + "/v1/tenants/" + TENANT + "/webhook-secret/rotate",
                HttpJson.bearer(platform.adminToken()), Map.of());
        if (rotated.ok()) {
            webhook = rotated.body().path("webhook");
            tenantStatus = currentTenantStatus();
            steps.ok(step, "the tenant already existed (status " + tenantStatus
                    + "); rotated its webhook secret for the demo");
        } else {
            steps.failed(step, rotated.problem());
        }
    }

    private String currentTenantStatus() throws IOException, InterruptedException {
        String tenants = platform.url(TENANT_SERVICE).orElse(null);
        if (tenants == null) {
            return "unknown";
        }
        HttpJson.Reply reply = http.get(tenants + "/v1/tenants/" + TENANT, HttpJson.bearer(platform.adminToken()));
        return reply.ok() ? reply.body().path("status").asText("unknown") : "absent";
    }

    private Map<String, Integer> seed() {
        String step = "demo data (ticket history, KB articles, inventory)";
        if ("absent".equals(tenantStatus)) {
            steps.skipped(step, "the tenant was not created");
            return Map.of();
        }
        Map<String, String> db = platform.databaseEnvironment();
        String user = db.get("DATABASE_USER");
        String password = db.get("DATABASE_PASSWORD");
        try {
            Map<String, Integer> written = DemoData.seed(db.get("DATABASE_URL"), user, password, TENANT,
                    platform.options().demoTickets());
            steps.ok(step, written.get("ticket_history") + " resolved tickets, " + written.get("kb_articles")
                    + " KB articles, " + written.get("system_inventory") + " hosts (as " + user
                    + " under set_tenant_context; rows already there are kept)");
            return written;
        } catch (SQLException e) {
            steps.failed(step, e.getMessage());
            return Map.of();
        }
    }

    private void connectWebhook() throws IOException, InterruptedException {
        String step = "simulator webhook -> webhook-gateway";
        List<String> missing = missing(SDP_SIMULATOR, WEBHOOK_GATEWAY);
        if (!missing.isEmpty() || !sdpInstance) {
            steps.skipped(step, missing.isEmpty() ? "no SDP instance" : String.join(" and ", missing) + " not running");
            return;
        }
        if (webhook == null || !webhook.hasNonNull("secret")) {
            steps.skipped(step, "no webhook secret was issued for " + TENANT);
            return;
        }
        Map<String, Object> hook = Map.of("url", webhook.path("url").asText(), "mode", webhook.path("mode").asText("hmac"),
                "secret", webhook.get("secret").asText());
        HttpJson.Reply reply = http.json("PATCH", platform.url(SDP_SIMULATOR).orElseThrow() + "/sim/instances/" + TENANT,
                Map.of(), Map.of("webhook", hook));
        if (reply.ok()) {
            steps.ok(step, webhook.path("url").asText() + " (signed, " + hook.get("mode") + ")");
        } else {
            steps.failed(step, reply.problem());
        }
    }

    private String raiseTicket() throws IOException, InterruptedException {
        String step = "ticket raised in the simulator";
        if (!sdpInstance) {
            steps.skipped(step, "no SDP instance (sdp-simulator not running)");
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("subject", DemoData.demoSubject());
        request.put("description", DemoData.demoDescription());
        request.put("requester", Map.of("name", "Dana Sales", "email_id", "dana@acme.example"));
        request.put("priority", Map.of("name", "High"));
        HttpJson.Reply reply = http.form(servicedeskUrl + "/api/v3/requests", sdpHeaders(),
                Map.of("input_data", HttpJson.write(Map.of("request", request))));
        String id = reply.body().path("request").path("id").asText("");
        if (!reply.ok() || id.isEmpty()) {
            steps.failed(step, reply.problem() + " " + reply.body().path("response_status"));
            return null;
        }
        steps.ok(step, "request " + id + ": " + DemoData.demoSubject());
        return id;
    }

    private String awaitNote(String ticketId) throws IOException, InterruptedException {
        String step = "enhancement note on the ticket";
        List<String> missing = missing(WEBHOOK_GATEWAY, ENHANCEMENT_WORKER);
        if (ticketId == null || !missing.isEmpty()) {
            steps.skipped(step, ticketId == null ? "no ticket was raised" : String.join(" and ", missing) + " not running");
            return null;
        }
        console.progress("waiting for the note (webhook -> gateway -> queue -> worker -> SDP)");
        Instant deadline = Instant.now().plus(platform.options().noteTimeout());
        while (Instant.now().isBefore(deadline)) {
            HttpJson.Reply notes = http.get(servicedeskUrl + "/api/v3/requests/" + ticketId + "/notes", sdpHeaders());
            for (JsonNode note : notes.body().path("notes")) {
                String html = note.path("description").asText("");
                if (!html.isEmpty()) {
                    steps.ok(step, "posted on request " + ticketId + " as SDP shows it:");
                    console.line("");
                    console.detail(NoteText.render(html));
                    console.line("");
                    return html;
                }
            }
            Thread.sleep(500);
        }
        steps.failed(step, "none after " + platform.options().noteTimeout().toSeconds()
                + " s; see local-run logs of webhook-gateway and enhancement-worker");
        return null;
    }

    private Map<String, String> sdpHeaders() {
        return Map.of("authtoken", sdpApiKey, "Accept", SDP_ACCEPT);
    }

    private List<String> missing(String... services) {
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            if (!platform.isRunning(service)) {
                missing.add(service);
            }
        }
        return missing;
    }
}
