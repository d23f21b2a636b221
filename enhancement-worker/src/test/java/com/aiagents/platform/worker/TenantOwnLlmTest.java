package com.aiagents.platform.worker;

import static com.aiagents.platform.worker.support.WorkerEnvironment.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.support.FakeLlm;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bring your own LLM, end to end against a real tenant-service, PostgreSQL, Redis and the SDP
 * simulator, with two OpenAI-compatible endpoints on MockWebServer: the platform's and one tenant's
 * own. A tenant with its own endpoint is served by it, with its key and model and its personal data
 * masked, and the platform's endpoint receives nothing of it, also when its own endpoint fails (the
 * deterministic synthesizer writes the note then); a tenant without one is served by the platform's.
 */
class TenantOwnLlmTest {
    static final FakeLlm PLATFORM = new FakeLlm();
    static final FakeLlm OWN = new FakeLlm();
    static final String PLATFORM_KEY = "platform-key-0123456789";
    static final String OWN_KEY = "tenant-own-key-9876543210";
    static final String OWN_MODEL = "acme/llama-3-70b";

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("llm.baseUrl", PLATFORM.baseUrl(),
            "llm.apiKey", PLATFORM_KEY, "llm.maxAttempts", "1"));

    @AfterAll
    static void stopLlms() {
        PLATFORM.close();
        OWN.close();
    }

    @Test
    void aTenantWithItsOwnEndpointUsesItsKeyAndModelAndThePlatformsEndpointSeesNothingOfIt() {
        PLATFORM.mode(FakeLlm.Mode.OK);
        OWN.mode(FakeLlm.Mode.OK);
        Tenant own = withOwnEndpoint(env.createTenant("byo-own", null));
        Tenant platform = env.createTenant("byo-platform", null);

        String ownTicket = enhance(own, "VPN drops every 5 minutes (own llm)", "Reported by Jane Doe jane.doe@acme.example");
        String platformTicket = enhance(platform, "VPN drops every 5 minutes (platform llm)", "VPN drops on lt-0043");

        String ownRequest = OWN.bodies().stream().filter(b -> b.contains("(own llm)")).findFirst().orElseThrow();
        assertThat(ownRequest).contains("\"model\":\"" + OWN_MODEL + "\"").doesNotContain("jane.doe@acme.example");
        assertThat(OWN.authorizations()).contains("Bearer " + OWN_KEY).doesNotContain("Bearer " + PLATFORM_KEY);
        assertThat(PLATFORM.bodies()).noneMatch(b -> b.contains("(own llm)"));
        assertThat(PLATFORM.bodies()).anyMatch(b -> b.contains("(platform llm)"));
        assertThat(PLATFORM.authorizations()).doesNotContain("Bearer " + OWN_KEY);
        assertThat(OWN.bodies()).noneMatch(b -> b.contains("(platform llm)"));
        assertThat(synthesizer(own.id(), ownTicket)).isEqualTo("llm");
        assertThat(synthesizer(platform.id(), platformTicket)).isEqualTo("llm");
    }

    @Test
    void whenItsOwnEndpointFailsTheDeterministicSynthesizerWritesTheNoteNeverThePlatformsEndpoint() {
        PLATFORM.mode(FakeLlm.Mode.OK);
        OWN.mode(FakeLlm.Mode.ERROR_500);
        try {
            Tenant own = withOwnEndpoint(env.createTenant("byo-down", null));

            String ticket = enhance(own, "Outlook keeps asking for the password (own llm down)", "Since this morning");

            assertThat(OWN.bodies()).anyMatch(b -> b.contains("(own llm down)"));
            assertThat(PLATFORM.bodies()).noneMatch(b -> b.contains("(own llm down)"));
            assertThat(synthesizer(own.id(), ticket)).isEqualTo("deterministic");
            assertThat(own.sdp().listNotes(ticket).get(0).descriptionHtml()).contains("the AI model was unavailable");
        } finally {
            OWN.mode(FakeLlm.Mode.OK);
        }
    }

    private static Tenant withOwnEndpoint(Tenant tenant) {
        JsonHttp tenants = new JsonHttp(env.tenantService().baseUrl());
        JsonHttp.Reply reply = tenants.patch("/v1/tenants/" + tenant.id().value(), OPERATOR,
                "{\"llm_endpoint\": {\"base_url\": \"" + OWN.baseUrl() + "\", \"api_key\": \"" + OWN_KEY
                        + "\", \"model\": \"" + OWN_MODEL + "\"}}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain(OWN_KEY);
        return tenant;
    }

    private static String enhance(Tenant tenant, String subject, String description) {
        env.database().inTenant(tenant.id(), h -> new TicketHistoryDao().upsert(h, List.of(new TicketRecord("H-VPN-1",
                "VPN disconnects every few minutes", "VPN disconnects every few minutes",
                "Raise the idle timeout on the concentrator and update the VPN client", "Network", "High", "Resolved",
                "seed", null))));
        String id = tenant.sdp().createRequest(NewSdpRequest.of(subject, description, "jane.doe@acme.example")).id();
        env.enqueue(List.of(WorkerEnvironment.job(tenant.id(), id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> env.historyStatuses(tenant.id(), id).contains("posted"));
        return id;
    }

    private static String synthesizer(TenantId tenant, String ticketId) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT synthesizer FROM enhancement_history WHERE ticket_id = :t").bind("t", ticketId)
                .mapTo(String.class).one());
    }
}
