package com.aiagents.platform.integration.reconcile;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.VIEWER;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No ticket left behind (docs/reconciliation.md), through the real platform: a tenant onboarded by
 * provisioning-service, its SDP (the simulator) sending signed webhooks to the real gateway, and the
 * worker's reconciliation running every half second. Tickets created while the gateway is down, or
 * by an SDP that sends no webhook at all, each get exactly one note; the webhook-silence metric
 * rises on the live tenant and falls when webhooks come back; the onboarding says whether the
 * tenant's own SDP has reached the gateway.
 */
class ReconciliationEndToEndTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.inClusterMode().withWorkerSettings(Map.of(
            "reconciliation.enabled", "true",
            "reconciliation.interval", "500 milliseconds",
            "reconciliation.settleDelay", "1 second",
            "reconciliation.webhookSilenceAfter", "2 seconds",
            // small pages and budget, so a pass of the outage's tickets pages and spreads over passes
            "reconciliation.pageSize", "2",
            "reconciliation.maxSdpCallsPerPass", "2"));

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static SdpClientFactory sdpClients;
    private static JsonHttp onboardings;

    @BeforeAll
    static void start() {
        sdpClients = new SdpClientFactory(SdpClientConfig.builder().allowPrivateNetworks(true).build());
        onboardings = PLATFORM.provisioning();
    }

    @AfterAll
    static void stop() {
        if (sdpClients != null) {
            sdpClients.close();
        }
        PLATFORM.startGateway();
    }

    @Test
    void ticketsCreatedWhileTheGatewayIsDownEachGetExactlyOneNoteAndTheSilenceShows() throws Exception {
        String tenant = unique("recon");
        Onboarded onboarded = onboard(tenant);
        PLATFORM.sdp().setWebhook(tenant, webhookUrl(tenant), "hmac", onboarded.secret());
        SdpClient sdp = sdpOf(tenant, onboarded.sdpUrl());
        awaitFirstPass(tenant);

        String announced = sdp.createRequest(NewSdpRequest.of("VPN drops every hour", "Since the update", "a@example.com")).id();
        awaitNotes(sdp, List.of(announced));
        await().atMost(PATIENCE).until(() -> "confirmed".equals(reconciliation(tenant).path("webhook_delivery").asText()));
        assertThat(onboardingOf(onboarded).path("webhook_delivery").path("status").asText()).isEqualTo("confirmed");

        PLATFORM.stopGateway();
        List<String> missed = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                missed.add(sdp.createRequest(NewSdpRequest.of("Outlook crash " + i, "Crashes on start " + i,
                        "u" + i + "@example.com")).id());
            }
            // a technician rewrites the first ticket meanwhile: a change of content, its webhook lost too
            updateDescription(tenant, onboarded.sdpUrl(), announced, "VPN drops every hour, also on the wired network");
            // no webhook can arrive: reconciliation alone finds them, within its page budget over passes
            awaitNotes(sdp, missed);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(sdp.listNotes(announced)).as("one note per content of the ticket").hasSize(2));
            await().atMost(PATIENCE).untilAsserted(() -> {
                String metrics = metrics();
                assertThat(gauge(metrics, "webhook_silent", tenant)).as("the silence alert's condition").isEqualTo(1.0);
                assertThat(gauge(metrics, "webhook_silence_seconds", tenant)).isGreaterThanOrEqualTo(2.0);
                assertThat(counter(metrics, "reconciliation_tickets_found_total", tenant, "request_created"))
                        .isEqualTo(5.0);
            });
        } finally {
            PLATFORM.startGateway();
        }
        // SDP's late delivery of one of them (a retry once the gateway is back) adds no second note
        assertThat(sendCreationWebhook(tenant, onboarded.secret(), missed.get(0))).isEqualTo(202);
        String after = sdp.createRequest(NewSdpRequest.of("Printer jam", "Tray 2", "p@example.com")).id();
        awaitNotes(sdp, List.of(after));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(gauge(metrics(), "webhook_silent", tenant)).as("webhooks are back").isEqualTo(0.0));

        List<String> all = new ArrayList<>(missed);
        all.add(after);
        // several passes and the late webhook's job later, still one note per ticket event
        long passes = reconciliationPasses();
        await().atMost(PATIENCE).until(() -> reconciliationPasses() >= passes + 4);
        for (String ticket : all) {
            assertThat(sdp.listNotes(ticket)).as("notes on " + ticket).hasSize(1);
        }
        assertThat(sdp.listNotes(announced)).hasSize(2);
        assertThat(counter(metrics(), "reconciliation_tickets_found_total", tenant, "request_updated"))
                .as("the rewritten ticket, at least").isGreaterThanOrEqualTo(1.0);
        assertThat(counter(metrics(), "reconciliation_tickets_found_total", tenant, "request_created")).isEqualTo(5.0);
    }

    @Test
    void anSdpThatNeverSendsItsWebhookIsReportedMissingAndItsTicketsStillGetTheirNote() {
        String tenant = unique("silent");
        Onboarded onboarded = onboard(tenant);
        SdpClient sdp = sdpOf(tenant, onboarded.sdpUrl());
        awaitFirstPass(tenant);

        String ticket = sdp.createRequest(NewSdpRequest.of("Disk full on FS01", "D: at 99%", "ops@example.com")).id();
        awaitNotes(sdp, List.of(ticket));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode view = reconciliation(tenant);
            assertThat(view.path("webhook_delivery").asText()).isEqualTo("missing");
            assertThat(view.path("first_reconciled_ticket_at").isNull()).isFalse();
            assertThat(gauge(metrics(), "webhook_silent", tenant)).isEqualTo(1.0);
        });
        JsonNode delivery = onboardingOf(onboarded).path("webhook_delivery");
        assertThat(delivery.path("status").asText()).isEqualTo("missing");
        assertThat(delivery.path("detail").asText()).contains("no webhook");
        assertThat(sdp.listNotes(ticket)).hasSize(1);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private record Onboarded(String onboardingId, String secret, String sdpUrl) {
    }

    private static Onboarded onboard(String tenant) {
        String sdpUrl = PLATFORM.sdpInstanceWithHistory(tenant, "SDP-KEY-" + tenant);
        String body = "{\"tenant_id\": \"" + tenant + "\", \"name\": \"Tenant " + tenant + "\", \"tier\": \"basic\","
                + " \"admin_contact_email\": \"admin@" + tenant + ".example\","
                + " \"servicedesk_url\": \"" + sdpUrl + "\", \"servicedesk_edition\": \"onprem\","
                + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-" + tenant + "\"},"
                + " \"webhook_auth\": {\"mode\": \"hmac\"},"
                + " \"rate_limits\": {\"requests_per_minute\": 100}}";
        JsonHttp.Reply reply = onboardings.post("/v1/onboardings", ADMIN, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("status").asText()).isEqualTo("succeeded");
        return new Onboarded(reply.json().path("onboarding_id").asText(),
                reply.json().path("webhook").path("secret").asText(), sdpUrl);
    }

    private static SdpClient sdpOf(String tenant, String sdpUrl) {
        return sdpClients.clientFor(SdpConnection.onPrem(tenant, sdpUrl, "SDP-KEY-" + tenant));
    }

    private static String webhookUrl(String tenant) {
        return PLATFORM.gatewayUrl() + "/webhook/servicedesk?tenant_id=" + tenant;
    }

    private static void awaitFirstPass(String tenant) {
        await().atMost(PATIENCE).until(() -> PLATFORM.worker()
                .get("/v1/tenants/" + tenant + "/reconciliation", VIEWER).status() == 200);
    }

    private static void awaitNotes(SdpClient sdp, List<String> tickets) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String ticket : tickets) {
                assertThat(sdp.listNotes(ticket)).as("notes on " + ticket).hasSize(1);
            }
        });
    }

    private static JsonNode reconciliation(String tenant) {
        JsonHttp.Reply reply = PLATFORM.worker().get("/v1/tenants/" + tenant + "/reconciliation", VIEWER);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode onboardingOf(Onboarded onboarded) {
        JsonHttp.Reply reply = onboardings.get("/v1/onboardings/" + onboarded.onboardingId(), VIEWER);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** {@code PUT requests/{id}} on the tenant's SDP, as a technician's edit (the simulator then fires its webhook). */
    private static void updateDescription(String tenant, String sdpUrl, String ticketId, String description)
            throws Exception {
        String inputData = "{\"request\": {\"description\": \"" + description + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(sdpUrl + "/api/v3/requests/" + ticketId))
                .header("authtoken", "SDP-KEY-" + tenant)
                .header("Accept", "application/vnd.manageengine.sdp.v3+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("input_data=" + URLEncoder.encode(inputData, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A creation webhook as SDP sends it, signed with the tenant's secret; returns the gateway's status. */
    private static int sendCreationWebhook(String tenant, String secret, String ticketId) throws Exception {
        String body = "{\"ticket_id\": \"" + ticketId + "\", \"event\": \"request_created\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return new JsonHttp(PLATFORM.gatewayUrl()).post("/webhook/servicedesk?tenant_id=" + tenant, null, body,
                "X-ServiceDesk-Signature", signature).status();
    }

    private static String metrics() {
        JsonHttp.Reply reply = PLATFORM.workerAdmin().get("/metrics", null);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static long reconciliationPasses() {
        Matcher m = Pattern.compile("(?m)^reconciliation_passes_total\\{outcome=\"(completed|budget_spent)\",?} ([0-9.eE+]+)$")
                .matcher(metrics());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return (long) total;
    }

    private static double gauge(String metrics, String name, String tenant) {
        return value(metrics, name + "\\{tenant_id=\"" + Pattern.quote(tenant) + "\",?}");
    }

    private static double counter(String metrics, String name, String tenant, String event) {
        return value(metrics, name + "\\{tenant_id=\"" + Pattern.quote(tenant) + "\",event=\"" + event + "\",?}");
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
