package com.aiagents.platform.sdpsim;

import static com.aiagents.platform.sdpsim.SimulatorHttp.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.sdpsim.SimulatorHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookDeliveryTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();
    private static final Map<String, String> AUTH = Map.of("authtoken", "K");
    private static final String SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @StartStop
    private final MockWebServer receiver = new MockWebServer();

    private SimulatorHttp http;
    private String instance;

    @BeforeEach
    void connect() {
        http = new SimulatorHttp(APP.getLocalPort());
        instance = uniqueName("hooks");
    }

    @Test
    void creatingARequestSendsAnHmacSignedFlatPayload() throws Exception {
        createInstance("hmac", receiver.url("/webhook/servicedesk?tenant_id=acme").toString());
        receiver.enqueue(new MockResponse.Builder().code(202).build());

        String id = createRequest("{\"request\":{\"subject\":\"VPN drops\",\"description\":\"<p>since Monday</p>\","
                + "\"requester\":{\"name\":\"Jane\",\"email_id\":\"jane@acme.example\"},\"priority\":\"High\"}}");

        RecordedRequest webhook = WebhookReceiver.next(receiver);
        byte[] body = WebhookReceiver.body(webhook);
        assertThat(webhook.getMethod()).isEqualTo("POST");
        assertThat(webhook.getUrl().queryParameter("tenant_id")).isEqualTo("acme");
        assertThat(webhook.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(webhook.getHeaders().get("X-ServiceDesk-Signature"))
                .isEqualTo(WebhookReceiver.expectedSignature(SECRET, body))
                .matches("[0-9a-f]{64}");
        assertThat(webhook.getHeaders().get("X-Webhook-Token")).isNull();
        JsonNode payload = http.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(payload.get("ticket_id").asText()).isEqualTo(id);
        assertThat(payload.get("event").asText()).isEqualTo("request_created");
        assertThat(payload.get("subject").asText()).isEqualTo("VPN drops");
        assertThat(payload.get("description").asText()).isEqualTo("<p>since Monday</p>");
        assertThat(payload.get("priority").asText()).isEqualTo("High");
        assertThat(payload.get("status").asText()).isEqualTo("Open");
        assertThat(payload.get("requester_email").asText()).isEqualTo("jane@acme.example");
        assertThat(payload.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void tokenModeSendsTheSecretAsAStaticHeader() throws Exception {
        createInstance("token", receiver.url("/webhook/servicedesk").toString());
        receiver.enqueue(new MockResponse.Builder().code(202).build());

        createRequest("{\"request\":{\"subject\":\"Printer\"}}");

        RecordedRequest webhook = WebhookReceiver.next(receiver);
        assertThat(webhook.getHeaders().get("X-Webhook-Token")).isEqualTo(SECRET);
        assertThat(webhook.getHeaders().get("X-ServiceDesk-Signature")).isNull();
    }

    @Test
    void updatingARequestSendsRequestUpdated() throws Exception {
        createInstance("hmac", receiver.url("/hook").toString());
        receiver.enqueue(new MockResponse.Builder().code(202).build());
        receiver.enqueue(new MockResponse.Builder().code(202).build());
        String id = createRequest("{\"request\":{\"subject\":\"Disk full\"}}");
        WebhookReceiver.next(receiver);

        http.sdp("PUT", instance, "requests/" + id, AUTH, "{\"request\":{\"status\":{\"name\":\"In Progress\"}}}");

        JsonNode payload = http.parse(WebhookReceiver.next(receiver).getBody().utf8());
        assertThat(payload.get("event").asText()).isEqualTo("request_updated");
        assertThat(payload.get("status").asText()).isEqualTo("In Progress");
        assertThat(payload.get("ticket_id").asText()).isEqualTo(id);
    }

    @Test
    void aFailedDeliveryIsRetriedAndEveryAttemptIsRecorded() {
        createInstance("hmac", receiver.url("/hook").toString());
        receiver.enqueue(new MockResponse.Builder().code(503).build());
        receiver.enqueue(new MockResponse.Builder().code(202).build());

        String id = createRequest("{\"request\":{\"subject\":\"Outlook\"}}");

        JsonNode deliveries = awaitDeliveries(2);
        assertThat(deliveries.get(0).get("status").asInt()).isEqualTo(503);
        assertThat(deliveries.get(1).get("status").asInt()).isEqualTo(202);
        assertThat(deliveries.get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(deliveries.get(1).get("delivery_id").asText()).isEqualTo(deliveries.get(0).get("delivery_id").asText());
        assertThat(deliveries.get(0).get("ticket_id").asText()).isEqualTo(id);
        assertThat(deliveries.get(0).get("event").asText()).isEqualTo("request_created");
        assertThat(receiver.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anUnreachableReceiverGetsABoundedNumberOfAttempts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        createInstance("hmac", "http://127.0.0.1:" + closedPort + "/hook");

        createRequest("{\"request\":{\"subject\":\"DNS\"}}");

        JsonNode deliveries = awaitDeliveries(3);
        deliveries.forEach(d -> {
            assertThat(d.get("status").isNull()).isTrue();
            assertThat(d.get("error").asText()).isNotBlank();
        });
        assertThat(deliveries).extracting(d -> d.get("attempt").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void seedingAndNotesSendNoWebhooks() throws Exception {
        createInstance("hmac", receiver.url("/hook").toString());
        receiver.enqueue(new MockResponse.Builder().code(202).build());
        receiver.enqueue(new MockResponse.Builder().code(202).build());
        String id = createRequest("{\"request\":{\"subject\":\"Wi-Fi\"}}");
        WebhookReceiver.next(receiver);

        http.sim("POST", "/sim/instances/" + instance + "/seed", "{\"resolved_requests\":3,\"seed\":1}");
        http.sdp("POST", instance, "requests/" + id + "/notes", AUTH, "{\"note\":{\"description\":\"<p>n</p>\"}}");
        http.sdp("PUT", instance, "requests/" + id + "/resolutions", AUTH, "{\"resolution\":{\"content\":\"<p>r</p>\"}}");
        http.sdp("PUT", instance, "requests/" + id, AUTH, "{\"request\":{\"subject\":\"Wi-Fi drops\"}}");

        JsonNode next = http.parse(WebhookReceiver.next(receiver).getBody().utf8());
        assertThat(next.get("event").asText()).as("the update is the next webhook").isEqualTo("request_updated");
        assertThat(awaitDeliveries(2)).hasSize(2);
    }

    private void createInstance(String mode, String url) {
        Reply created = http.sim("POST", "/sim/instances", "{\"name\":\"" + instance + "\",\"edition\":\"onprem\","
                + "\"api_key\":\"K\",\"webhook\":{\"url\":\"" + url + "\",\"mode\":\"" + mode + "\",\"secret\":\"" + SECRET + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String createRequest(String inputData) {
        Reply created = http.sdp("POST", instance, "requests", AUTH, inputData);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/request/id").asText();
    }

    private JsonNode awaitDeliveries(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().size() >= count);
        return deliveries();
    }

    private JsonNode deliveries() {
        return http.sim("GET", "/sim/instances/" + instance + "/webhook-deliveries", null).json().get("deliveries");
    }
}
