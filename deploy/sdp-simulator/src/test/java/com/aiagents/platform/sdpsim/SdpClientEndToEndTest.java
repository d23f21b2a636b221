package com.aiagents.platform.sdpsim;

import static com.aiagents.platform.sdpsim.SimulatorHttp.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpSearchCriterion;
import com.aiagents.platform.sdpsim.SimulatorHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform's SdpClient against the running simulator: what the worker and the gates will do. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SdpClientEndToEndTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();
    private static final String API_KEY = "E2E-TECH-KEY-1234";
    private static final String WEBHOOK_SECRET = "9f86d081884c7d659a2feaa0c55ad015";

    @StartStop
    private final MockWebServer webhookListener = new MockWebServer();

    private SimulatorHttp http;
    private SdpClientFactory clients;

    @BeforeEach
    void connect() {
        http = new SimulatorHttp(APP.getLocalPort());
        clients = new SdpClientFactory(SdpClientConfig.builder()
                .retry(3, Duration.ofMillis(1), Duration.ofMillis(5))
                .maxRetryAfterWait(Duration.ofMillis(20))
                .circuitBreaker(4, 4, 50f, Duration.ofMinutes(1), 1)
                .allowPrivateNetworks(true) // the simulator is at http://127.0.0.1
                .build());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void onPremGoldenPathWithAnHmacSignedWebhook() throws Exception {
        webhookListener.enqueue(new MockResponse.Builder().code(202).build());
        SdpClient client = onPremClient(uniqueName("acme"), "hmac");

        SdpRequest created = client.createRequest(new NewSdpRequest("VPN drops every 10 minutes",
                "<p>Since Monday</p>", "Jane Doe", "jane.doe@acme.example", "High", null));

        RecordedRequest webhook = WebhookReceiver.next(webhookListener);
        byte[] body = WebhookReceiver.body(webhook);
        assertThat(webhook.getHeaders().get("X-ServiceDesk-Signature"))
                .isEqualTo(WebhookReceiver.expectedSignature(WEBHOOK_SECRET, body));
        JsonNode payload = http.parse(new String(body, StandardCharsets.UTF_8));
        assertThat(payload.get("ticket_id").asText()).isEqualTo(created.id());
        assertThat(payload.get("event").asText()).isEqualTo("request_created");

        SdpRequest fetched = client.getRequest(payload.get("ticket_id").asText());
        assertThat(fetched.subject()).isEqualTo("VPN drops every 10 minutes");
        assertThat(fetched.descriptionHtml()).isEqualTo("<p>Since Monday</p>");
        assertThat(fetched.priority()).isEqualTo("High");
        assertThat(fetched.status()).isEqualTo("Open");
        assertThat(fetched.requesterEmail()).isEqualTo("jane.doe@acme.example");
        assertThat(fetched.createdAt()).isNotNull();

        SdpNote note = client.addNote(created.id(), NewSdpNote.internal("<h3>AI-Generated Enhancement</h3>"));
        List<SdpNote> notes = client.listNotes(created.id());
        assertThat(notes).extracting(SdpNote::id).containsExactly(note.id());
        assertThat(notes.get(0).descriptionHtml()).isEqualTo("<h3>AI-Generated Enhancement</h3>");
        assertThat(notes.get(0).addedAt()).isNotNull();
    }

    @Test
    void tokenModeWebhookCarriesTheStaticHeader() throws Exception {
        webhookListener.enqueue(new MockResponse.Builder().code(202).build());

        SdpRequest created = onPremClient(uniqueName("token"), "token")
                .createRequest(NewSdpRequest.of("Printer offline", null, "li.wei@acme.example"));

        RecordedRequest webhook = WebhookReceiver.next(webhookListener);
        assertThat(webhook.getHeaders().get("X-Webhook-Token")).isEqualTo(WEBHOOK_SECRET);
        assertThat(http.parse(webhook.getBody().utf8()).get("ticket_id").asText()).isEqualTo(created.id());
    }

    @Test
    void cloudEditionMintsRefreshesAndUsesRequestNote() {
        String tenant = uniqueName("globex");
        JsonNode instance = http.sim("POST", "/sim/instances", "{\"name\":\"" + tenant + "\",\"edition\":\"cloud\"}").json();
        SdpClient client = clients.clientFor(SdpConnection.cloud(tenant, instance.get("base_url").asText(),
                instance.get("accounts_url").asText(), instance.at("/oauth/client_id").asText(),
                instance.at("/oauth/client_secret").asText(), instance.at("/oauth/refresh_token").asText()));

        SdpRequest created = client.createRequest(NewSdpRequest.of("Outlook not syncing", "<p>since 9am</p>", null));
        SdpNote note = client.addNote(created.id(), new NewSdpNote("<p>cloud note</p>", false, false, false, true));
        assertThat(client.listNotes(created.id())).extracting(SdpNote::id).containsExactly(note.id());
        assertThat(mintedTokens(tenant)).as("one token served all three calls").isEqualTo(1);

        http.patch(tenant, "{\"revoke_access_tokens\":true}");
        assertThat(client.getRequest(created.id()).subject()).isEqualTo("Outlook not syncing");

        assertThat(mintedTokens(tenant)).as("the 401 led to exactly one refresh").isEqualTo(2);
    }

    @Test
    void importsResolvedHistoryWithResolutions() {
        String tenant = uniqueName("history");
        SdpClient client = onPremClient(tenant, null);
        http.sim("POST", "/sim/instances/" + tenant + "/seed", "{\"resolved_requests\":7,\"seed\":3}");
        client.createRequest(NewSdpRequest.of("Still open", null, null));

        List<SdpRequest> resolved = new ArrayList<>();
        SdpListQuery query = SdpListQuery.firstPage(3).where(SdpSearchCriterion.is("status.name", "Resolved", "Closed"));
        SdpPage<SdpRequest> page;
        do {
            page = client.listRequests(query);
            resolved.addAll(page.items());
            query = query.after(page);
        } while (page.hasMoreRows());

        assertThat(resolved).hasSize(7).allSatisfy(r -> {
            assertThat(r.status()).isIn("Resolved", "Closed");
            assertThat(r.resolvedAt()).isNotNull();
            assertThat(client.getResolution(r.id())).hasValueSatisfying(res ->
                    assertThat(res.contentHtml()).startsWith("<p>"));
        });
        assertThat(resolved).extracting(SdpRequest::id).doesNotHaveDuplicates();
    }

    @Test
    void mspEditionRefusesARequestWithoutAnAccountAndNamesTheAccountOnEveryRead() {
        String tenant = uniqueName("msp");
        Reply instance = http.sim("POST", "/sim/instances", "{\"name\":\"" + tenant + "\",\"edition\":\"msp\","
                + "\"api_key\":\"" + API_KEY + "\",\"accounts\":{\"Contoso\":[\"Main\",\"Branch\"],\"Fabrikam\":[\"HQ\"]}}");
        assertThat(instance.status()).as(instance.body()).isEqualTo(201);
        SdpClient client = clients.clientFor(SdpConnection.msp(tenant, instance.json().get("base_url").asText(), API_KEY));

        SdpException noAccount = failureOf(() -> client.createRequest(NewSdpRequest.of("No account", null, null)));
        SdpException unknownSite = failureOf(() -> client.createRequest(
                NewSdpRequest.of("Wrong site", null, null).inAccount("Contoso", "HQ")));
        SdpRequest contoso = client.createRequest(NewSdpRequest.of("VPN drops", null, "jane@contoso.example")
                .inAccount("contoso", "Branch"));
        client.createRequest(NewSdpRequest.of("Printer jam", null, null).inAccount("Fabrikam", "HQ"));

        assertThat(noAccount.sdpStatusCode()).hasValue(4012);
        assertThat(unknownSite.sdpStatusCode()).hasValue(4001);
        assertThat(client.getRequest(contoso.id())).satisfies(r -> {
            assertThat(r.account()).as("spelled as the instance spells it").isEqualTo("Contoso");
            assertThat(r.site()).isEqualTo("Branch");
        });
        SdpPage<SdpRequest> onlyContoso = client.listRequestsInAccount("Contoso", SdpListQuery.firstPage(10));
        assertThat(onlyContoso.items()).extracting(SdpRequest::id).containsExactly(contoso.id());
        assertThat(client.listRequests(SdpListQuery.firstPage(10)).items()).extracting(SdpRequest::account)
                .containsExactlyInAnyOrder("Contoso", "Fabrikam");
        assertThat(http.sim("POST", "/sim/instances/" + tenant + "/seed", "{\"resolved_requests\":2}").status())
                .as("MSP history goes into an account").isEqualTo(400);
        assertThat(http.sim("POST", "/sim/instances/" + tenant + "/seed",
                "{\"resolved_requests\":2,\"account\":\"Fabrikam\",\"site\":\"HQ\"}").status()).isEqualTo(201);
        assertThat(client.listRequestsInAccount("Fabrikam", SdpListQuery.firstPage(10)).items())
                .hasSize(3).allSatisfy(r -> assertThat(r.account()).isEqualTo("Fabrikam"));
    }

    @Test
    void theControlApiListsEveryRequestWithItsAccountAndSiteDeletedOnesIncluded() {
        String tenant = uniqueName("mspctl");
        Reply instance = http.sim("POST", "/sim/instances", "{\"name\":\"" + tenant + "\",\"edition\":\"msp\","
                + "\"api_key\":\"" + API_KEY + "\",\"accounts\":{\"Contoso\":[\"Main\"],\"Northwind IT\":[\"Service Desk\"]}}");
        SdpClient client = clients.clientFor(SdpConnection.msp(tenant, instance.json().get("base_url").asText(), API_KEY));
        SdpRequest kept = client.createRequest(NewSdpRequest.of("Kept", null, null).inAccount("Contoso", "Main"));
        SdpRequest gone = client.createRequest(NewSdpRequest.of("Gone", null, null).inAccount("northwind it", "Service Desk"));
        client.deleteRequest(gone.id());

        Reply listed = http.sim("GET", "/sim/instances/" + tenant + "/requests", null);

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode requests = listed.json().get("requests");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("id").asText()).isEqualTo(kept.id());
        assertThat(requests.get(0).get("account").asText()).isEqualTo("Contoso");
        assertThat(requests.get(0).has("deleted_at")).isFalse();
        assertThat(requests.get(1).get("id").asText()).isEqualTo(gone.id());
        assertThat(requests.get(1).get("subject").asText()).isEqualTo("Gone");
        assertThat(requests.get(1).get("account").asText()).as("as the instance spells it").isEqualTo("Northwind IT");
        assertThat(requests.get(1).get("site").asText()).isEqualTo("Service Desk");
        assertThat(requests.get(1).get("deleted_at").asText()).isNotEmpty();
        assertThat(failureOf(() -> client.getRequest(gone.id())).kind()).as("gone from the SDP API")
                .isEqualTo(SdpErrorKind.NOT_FOUND);
        assertThat(listed.body()).doesNotContain(API_KEY);
    }

    @Test
    void onPremRequestsNameNoAccount() {
        SdpClient client = onPremClient(uniqueName("noacct"), null);
        String id = client.createRequest(NewSdpRequest.of("Plain", null, null).inAccount("Ignored", "Site")).id();
        assertThat(client.getRequest(id).account()).isNull();
    }

    @Test
    void aRateLimitBurstIsAbsorbedByRetries() {
        String tenant = uniqueName("burst");
        SdpClient client = onPremClient(tenant, null);
        String id = client.createRequest(NewSdpRequest.of("Burst", null, null)).id();
        http.patch(tenant, "{\"faults\":{\"rate_limit_burst\":2,\"retry_after_seconds\":1}}");

        assertThat(client.getRequest(id).id()).isEqualTo(id);

        assertThat(http.sim("GET", "/sim/instances/" + tenant, null).json().at("/stats/api_calls").asInt())
                .as("create, two 429s, success").isEqualTo(4);
    }

    @Test
    void aDownInstanceOpensItsTenantsCircuitOnly() {
        String down = uniqueName("down");
        String up = uniqueName("up");
        SdpClient downClient = onPremClient(down, null);
        SdpClient upClient = onPremClient(up, null);
        String id = upClient.createRequest(NewSdpRequest.of("Healthy tenant", null, null)).id();
        http.patch(down, "{\"faults\":{\"down\":true}}");

        List<SdpErrorKind> kinds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kinds.add(failureOf(() -> downClient.getRequest("1")).kind());
        }

        // Three attempts of the first call, one of the second fill the window of 4: the circuit opens.
        assertThat(kinds).containsExactly(SdpErrorKind.SERVER_ERROR, SdpErrorKind.CIRCUIT_OPEN, SdpErrorKind.CIRCUIT_OPEN);
        assertThat(http.sim("GET", "/sim/instances/" + down, null).json().at("/stats/api_calls").asInt()).isEqualTo(4);
        assertThat(upClient.getRequest(id).id()).isEqualTo(id);
    }

    @Test
    void anInvalidKeyAndADeletedRequestAreTyped() {
        String tenant = uniqueName("typed");
        SdpClient client = onPremClient(tenant, null);
        String id = client.createRequest(NewSdpRequest.of("Delete me", null, null)).id();

        client.deleteRequest(id);
        SdpException gone = failureOf(() -> client.getRequest(id));
        String baseUrl = http.sim("GET", "/sim/instances/" + tenant, null).json().get("base_url").asText();
        SdpException badKey = failureOf(() -> clients.clientFor(SdpConnection.onPrem(tenant, baseUrl, "WRONG-KEY"))
                .getRequest(id));

        assertThat(gone.kind()).isEqualTo(SdpErrorKind.NOT_FOUND);
        assertThat(gone.sdpStatusCode()).hasValue(4007);
        assertThat(badKey.kind()).isEqualTo(SdpErrorKind.AUTHENTICATION);
        assertThat(badKey.getMessage()).doesNotContain("WRONG-KEY");
    }

    /** An on-prem instance (with a webhook to the listener unless {@code mode} is null) and its tenant's client. */
    private SdpClient onPremClient(String name, String mode) {
        String webhook = mode == null ? "" : ",\"webhook\":{\"url\":\"" + webhookListener.url("/webhook/servicedesk")
                + "\",\"mode\":\"" + mode + "\",\"secret\":\"" + WEBHOOK_SECRET + "\"}";
        Reply created = http.sim("POST", "/sim/instances", "{\"name\":\"" + name + "\",\"edition\":\"onprem\","
                + "\"api_key\":\"" + API_KEY + "\"" + webhook + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return clients.clientFor(SdpConnection.onPrem(name, created.json().get("base_url").asText(), API_KEY));
    }

    private int mintedTokens(String tenant) {
        return http.sim("GET", "/sim/instances/" + tenant, null).json().at("/stats/access_tokens_minted").asInt();
    }

    private static SdpException failureOf(Runnable call) {
        SdpException e = catchThrowableOfType(SdpException.class, call::run);
        assertThat(e).as("expected an SdpException").isNotNull();
        return e;
    }
}
