package com.aiagents.platform.integration.queue;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A ticket storm defers, it does not drop (docs/queue.md#storms): one tenant raises five times its
 * rate within one rate window; every ticket gets exactly one note, released at the tenant's rate,
 * while a calm tenant's tickets keep their usual webhook-to-note time; beyond the deferral ceiling
 * the gateway refuses with 429. The rate window is 10 s here instead of a minute (the limit then
 * counts per 10 s), so the storm drains in about 40 s.
 */
class StormTest {
    private static final int STORM_RATE = 4;
    private static final int STORM_TICKETS = 5 * STORM_RATE;
    private static final String API_KEY = "storm-sdp-key";

    @RegisterExtension
    static final Platform PLATFORM = Platform.inClusterMode().withGatewaySettings(Map.of(
            "webhook.rateWindow", "10 seconds",
            // 40 s of 4 per 10 s: 16 jobs may wait, exactly the storm's excess over its rate
            "webhook.deferredCeiling", "40 seconds",
            "webhook.deferredReleaseInterval", "200 milliseconds"));

    @Test
    void aStormOfFiveTimesTheRateIsDeferredNotDroppedAndOtherTenantsKeepTheirPace() {
        Tenant storm = tenant("storm-co", STORM_RATE, STORM_TICKETS + 3);
        Tenant calm = tenant("calm-co", 100, 6);
        List<Long> usualMillis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            usualMillis.add(calm.webhookToNoteMillis(calm.tickets.get(i)));
        }

        for (String ticket : storm.tickets.subList(0, STORM_TICKETS)) {
            JsonHttp.Reply accepted = storm.webhook(ticket);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        }
        for (String ticket : storm.tickets.subList(STORM_TICKETS, STORM_TICKETS + 3)) {
            JsonHttp.Reply refused = storm.webhook(ticket);
            assertThat(refused.status()).as("beyond the ceiling: %s", refused.body()).isEqualTo(429);
            assertThat(refused.json().path("error").asText()).isEqualTo("rate_limited");
            assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        }
        List<Long> duringStormMillis = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            duringStormMillis.add(calm.webhookToNoteMillis(calm.tickets.get(i)));
        }

        long usualWorst = usualMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(duringStormMillis).as("calm tenant, usual %s ms", usualMillis)
                .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(Math.max(3 * usualWorst, usualWorst + 2000)));
        assertThat(storm.notesOn(storm.tickets.get(STORM_TICKETS - 1)))
                .as("the last of the storm is still deferred while the calm tenant is served").isZero();

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                storm.tickets.subList(0, STORM_TICKETS).stream().allMatch(t -> storm.notesOn(t) >= 1));
        assertThat(storm.tickets.subList(0, STORM_TICKETS)).as("exactly one note per storm ticket")
                .allSatisfy(t -> assertThat(storm.notesOn(t)).isEqualTo(1));
        assertThat(storm.tickets.subList(STORM_TICKETS, STORM_TICKETS + 3)).as("refused tickets have no note")
                .allSatisfy(t -> assertThat(storm.notesOn(t)).isZero());
        assertThat(calm.tickets).allSatisfy(t -> assertThat(calm.notesOn(t)).isEqualTo(1));
    }

    /** A tenant registered with tenant-service, with its own SDP instance holding {@code tickets} requests. */
    private static Tenant tenant(String id, int requestsPerMinute, int tickets) {
        String sdpUrl = PLATFORM.sdp().createInstance(id, API_KEY);
        List<String> ids = PLATFORM.sdp().seed(id, tickets, 7);
        JsonHttp.Reply created = PLATFORM.tenantService().post("/v1/tenants", ADMIN, "{\"tenant_id\":\"" + id + "\","
                + "\"name\":\"" + id + "\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@" + id + ".example\","
                + "\"servicedesk_url\":\"" + sdpUrl + "\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + API_KEY + "\"},\"webhook_auth\":{\"mode\":\"hmac\"},"
                + "\"rate_limits\":{\"requests_per_minute\":" + requestsPerMinute + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Tenant(id, created.json().path("webhook").path("secret").asText(), sdpUrl, ids);
    }

    private record Tenant(String id, String secret, String sdpUrl, List<String> tickets) {
        JsonHttp.Reply webhook(String ticket) {
            String body = "{\"ticket_id\":\"" + ticket + "\",\"event\":\"request_created\"}";
            return PLATFORM.gateway().post("/webhook/servicedesk?tenant_id=" + id, null, body,
                    "X-ServiceDesk-Signature", WebhookSignatures.hmacSha256Hex(secret, body.getBytes(StandardCharsets.UTF_8)));
        }

        int notesOn(String ticket) {
            JsonHttp.Reply notes = new JsonHttp(sdpUrl).send("GET", "/api/v3/requests/" + ticket + "/notes", null, null,
                    "authtoken", API_KEY);
            assertThat(notes.status()).as(notes.body()).isEqualTo(200);
            JsonNode list = notes.json().path("notes");
            return list.size();
        }

        long webhookToNoteMillis(String ticket) {
            long started = System.nanoTime();
            assertThat(webhook(ticket).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> notesOn(ticket) == 1);
            return (System.nanoTime() - started) / 1_000_000;
        }
    }
}
