package com.aiagents.platform.integration.msp;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ServiceDesk Plus MSP end to end, against the simulator's MSP edition: an MSP tenant onboarded
 * through provisioning-service to {@code active}, gate 3's test request raised in the tenant's named
 * account and site; history imported per account, and a ticket of account Contoso gets a note citing only Contoso's history although
 * Fabrikam holds the closer (identical) ticket; with {@code context_scope: tenant} the same ticket
 * cites Fabrikam's.
 */
class MspEndToEndTest {
    private static final String API_KEY = "msp-sdp-key";
    private static final String INSTANCE = "northwind-msp";

    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInClusterMode();

    private static SdpClientFactory clients;
    private static SdpClient sdp;
    private static String sdpUrl;
    private static List<SdpRequest> contoso;
    private static List<SdpRequest> fabrikam;

    @BeforeAll
    static void anMspInstanceWithTwoAccountsOfHistory() {
        sdpUrl = PLATFORM.sdp().createMspInstance(INSTANCE, API_KEY,
                Map.of("Contoso", List.of("Main"), "Fabrikam", List.of("HQ")));
        PLATFORM.sdp().seed(INSTANCE, 20, 11, "Contoso", "Main");
        PLATFORM.sdp().seed(INSTANCE, 20, 12, "Fabrikam", "HQ");
        clients = new SdpClientFactory(SdpClientConfig.builder().allowPrivateNetworks(true).build());
        sdp = clients.clientFor(SdpConnection.msp(INSTANCE, sdpUrl, API_KEY));
        contoso = sdp.listRequestsInAccount("Contoso", SdpListQuery.firstPage(100)).items();
        fabrikam = sdp.listRequestsInAccount("Fabrikam", SdpListQuery.firstPage(100)).items();
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void aContosoTicketCitesOnlyContosoHistoryUnderTheAccountScopeAndFabrikamsUnderTheTenantScope() {
        // Fabrikam's ticket on a topic Contoso has too; the new Contoso ticket is worded exactly like it
        SdpRequest closest = fabrikam.stream()
                .filter(f -> contoso.stream().anyMatch(c -> c.category() != null && c.category().equals(f.category())))
                .findFirst().orElseThrow();
        SdpRequest full = sdp.getRequest(closest.id());
        String accountScoped = tenant("msp-account", "account");
        String tenantScoped = tenant("msp-tenant", "tenant");

        String note = noteOn(accountScoped, full);
        String wideNote = noteOn(tenantScoped, full);

        assertThat(fabrikam).as("no Fabrikam ticket in a note on a Contoso ticket")
                .allSatisfy(f -> assertThat(note).doesNotContain("<b>" + f.id() + "</b>"));
        assertThat(contoso).as("Contoso's own history informs it")
                .anySatisfy(c -> assertThat(note).contains("<b>" + c.id() + "</b>"));
        assertThat(wideNote).as("the tenant scope cites the closer Fabrikam ticket").contains("<b>" + closest.id() + "</b>");
    }

    @Test
    void anMspTenantIsOnboardedToActiveWithGate3sTestRequestInItsNamedAccount() throws java.sql.SQLException {
        String tenant = "msp-onboarded";
        String instance = "northwind-onboarding";
        String url = PLATFORM.sdp().createMspInstance(instance, API_KEY,
                Map.of("Contoso", List.of("Main"), "Northwind IT", List.of("Service Desk")));
        PLATFORM.sdp().seed(instance, Platform.RESOLVED_REQUESTS, 13, "Contoso", "Main");

        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\":\"" + tenant
                + "\",\"name\":\"Northwind MSP\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@northwind.example\","
                + "\"servicedesk_url\":\"" + url + "\",\"servicedesk_edition\":\"msp\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + API_KEY + "\"},\"webhook_auth\":{\"mode\":\"hmac\"},"
                + "\"servicedesk_msp\":{\"accounts\":[\"Contoso\",\"Northwind IT\"],\"gate_account\":\"Northwind IT\","
                + "\"gate_site\":\"Service Desk\"}}");

        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        assertThat(onboarded.json().path("status").asText()).as(onboarded.body()).isEqualTo("succeeded");
        assertThat(onboarded.element("steps", "name", "run_gates").path("detail").asText()).endsWith(": 4/4 gates passed");
        assertThat(onboarded.element("steps", "name", "activate").path("status").asText()).isEqualTo("succeeded");
        JsonHttp.Reply record = PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN);
        assertThat(record.json().path("status").asText()).isEqualTo("active");
        assertThat(record.json().path("context_scope").asText()).as("the MSP default").isEqualTo("account");
        JsonNode listed = PLATFORM.tenantService().get("/v1/tenants?limit=1000", VIEWER).element("tenants", "tenant_id", tenant);
        assertThat(listed.path("servicedesk_edition").asText()).isEqualTo("msp");
        assertThat(listed.at("/servicedesk_msp/gate_account").asText()).as("the listing shows the MSP fields")
                .isEqualTo("Northwind IT");

        JsonNode run = PLATFORM.gatesRunner().get("/v1/tenants/" + tenant + "/gate-runs", VIEWER).json().path("runs").path(0);
        assertThat(run.path("gates")).extracting(g -> g.path("passed").asBoolean()).containsExactly(true, true, true, true);
        JsonNode goldenPath = run.path("gates").get(2);
        assertThat(goldenPath.path("gate").asInt()).isEqualTo(3);
        String requestId = goldenPath.path("details").path("sdp_request_id").asText();
        assertThat(goldenPath.path("details").path("stages").get(0).path("detail").asText())
                .isEqualTo("request " + requestId + " in account Northwind IT, site Service Desk");
        // read back from the simulator: the MSP instance held gate 3's request in the named account
        // and site (it refuses one without an account), until the gate deleted it
        JsonNode held = PLATFORM.sdp().requests(instance).stream()
                .filter(r -> requestId.equals(r.path("id").asText())).findFirst().orElseThrow();
        assertThat(held.path("subject").asText()).startsWith("[gates-runner] golden path check");
        assertThat(held.path("account").asText()).isEqualTo("Northwind IT");
        assertThat(held.path("site").asText()).isEqualTo("Service Desk");
        assertThat(held.path("deleted_at").asText()).as("gate 3 cleans up").isNotEmpty();
        assertThat(PLATFORM.sdp().requests(instance)).as("only the history and gate 3's request")
                .hasSize(Platform.RESOLVED_REQUESTS + 1);
        try (java.sql.Connection c = PLATFORM.database().connectAsSuperuser();
             java.sql.PreparedStatement st = c.prepareStatement(
                     "SELECT account FROM enhancement_history WHERE tenant_id = ? AND ticket_id = ?")) {
            st.setString(1, tenant);
            st.setString(2, requestId);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("the worker enhanced gate 3's request").isTrue();
                assertThat(rs.getString(1)).as("its enhancement keeps the account").isEqualTo("Northwind IT");
            }
        }
    }

    /** An MSP tenant on the instance with {@code scope}, its history imported (its webhook secret kept); returns its id. */
    private static String tenant(String id, String scope) {
        JsonHttp.Reply created = PLATFORM.tenantService().post("/v1/tenants", ADMIN, "{\"tenant_id\":\"" + id + "\","
                + "\"name\":\"" + id + "\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@" + id + ".example\","
                + "\"servicedesk_url\":\"" + sdpUrl + "\",\"servicedesk_edition\":\"msp\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + API_KEY + "\"},\"webhook_auth\":{\"mode\":\"hmac\"},"
                + "\"servicedesk_msp\":{\"accounts\":[\"Contoso\",\"Fabrikam\"],\"gate_account\":\"Contoso\","
                + "\"gate_site\":\"Main\"},\"context_scope\":\"" + scope + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        SECRETS.put(id, created.json().path("webhook").path("secret").asText());
        PLATFORM.importTicketHistory(id);
        return id;
    }

    private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Raises a Contoso ticket worded like {@code like}, delivers its webhook, returns the note posted on it. */
    private static String noteOn(String tenant, SdpRequest like) {
        SdpRequest ticket = sdp.createRequest(NewSdpRequest.of(like.subject(), like.descriptionHtml(), null)
                .inAccount("Contoso", "Main"));
        String body = "{\"ticket_id\":\"" + ticket.id() + "\",\"event\":\"request_created\"}";
        JsonHttp.Reply accepted = PLATFORM.gateway().post("/webhook/servicedesk?tenant_id=" + tenant, null, body,
                "X-ServiceDesk-Signature",
                WebhookSignatures.hmacSha256Hex(SECRETS.get(tenant), body.getBytes(StandardCharsets.UTF_8)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !sdp.listNotes(ticket.id()).isEmpty());
        List<SdpNote> notes = sdp.listNotes(ticket.id());
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).showToRequester()).as("private to technicians").isFalse();
        return Optional.ofNullable(notes.get(0).descriptionHtml()).orElse("");
    }
}
