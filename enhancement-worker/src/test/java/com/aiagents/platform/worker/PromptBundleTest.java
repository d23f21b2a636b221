package com.aiagents.platform.worker;

import static com.aiagents.platform.worker.support.WorkerEnvironment.ADMIN;
import static com.aiagents.platform.worker.support.WorkerEnvironment.GATES;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prompt bundles in the worker, against a real tenant-service, PostgreSQL, Redis and the SDP
 * simulator, with an OpenAI-compatible endpoint on MockWebServer: the LLM reads the tenant's
 * composed prompt and no other tenant's, each history row records the composed prompt's sha256,
 * the deterministic note honours a tenant rule, and the determinism probe reports the hash.
 */
class PromptBundleTest {
    static final FakeLlm LLM = new FakeLlm();

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("llm.baseUrl", LLM.baseUrl(), "llm.apiKey", "llm-key-0123"));

    private static final String A_RULE = "Tenant A only: call the Contoso night desk before any change.";
    private static final String DC_RULE = "Never suggest rebooting domain controllers in business hours.";
    private static JsonHttp tenants;

    @BeforeAll
    static void globalBundle() {
        tenants = new JsonHttp(env.tenantService().baseUrl());
        assertThat(tenants.send("PUT", "/v1/prompt-bundles/global", ADMIN,
                "{\"sections\": [{\"key\": \"style\", \"text\": \"Global house style: short sentences.\", \"order\": 10}]}")
                .status()).isEqualTo(200);
        assertThat(tenants.post("/v1/prompt-bundles/global/publish", ADMIN, null).status()).isEqualTo(200);
    }

    @AfterAll
    static void stopLlm() {
        LLM.close();
    }

    private static void overlay(Tenant tenant, String key, String text) {
        String path = "/v1/tenants/" + tenant.id().value() + "/prompt-bundle";
        assertThat(tenants.send("PUT", path, OPERATOR, "{\"sections\": [{\"key\": \"" + key + "\", \"text\": \"" + text
                + "\", \"order\": 1}]}").status()).isEqualTo(200);
        assertThat(tenants.post(path + "/publish", OPERATOR, null).status()).isEqualTo(200);
    }

    private static String composedSha(Tenant tenant) {
        return tenants.get("/v1/tenants/" + tenant.id().value() + "/prompt-bundle/composed", ADMIN).json().path("sha256").asText();
    }

    private static String enhance(Tenant tenant, String subject, String description) {
        String id = tenant.sdp().createRequest(NewSdpRequest.of(subject, description, "user@example.com")).id();
        env.enqueue(List.of(WorkerEnvironment.job(tenant.id(), id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> env.historyStatuses(tenant.id(), id).contains("posted"));
        return id;
    }

    private static Map<String, Object> historyRow(TenantId tenant, String ticketId) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT synthesizer, composed_prompt_sha256 FROM enhancement_history WHERE ticket_id = :t")
                .bind("t", ticketId).mapToMap().one());
    }

    private static void seedHistory(TenantId tenant, String id, String subject, String resolution) {
        env.database().inTenant(tenant, h -> new TicketHistoryDao().upsert(h, List.of(
                new TicketRecord(id, subject, subject, resolution, "Network", "High", "Resolved", "seed", null))));
    }

    @Test
    void theLlmReadsItsTenantsComposedPromptOnlyAndEachHistoryRowRecordsItsHash() {
        LLM.mode(FakeLlm.Mode.OK);
        Tenant a = env.createTenant("bundle-a", null);
        Tenant b = env.createTenant("bundle-b", null);
        overlay(a, "night-desk", A_RULE);
        for (Tenant t : List.of(a, b)) {
            seedHistory(t.id(), "H-VPN-1", "VPN disconnects every few minutes",
                    "Raised the idle timeout on the VPN concentrator and updated the VPN client");
        }

        String ta = enhance(a, "VPN disconnects every 5 minutes (tenant a)", "VPN drops on laptop lt-0042");
        String tb = enhance(b, "VPN disconnects every 5 minutes (tenant b)", "VPN drops on laptop lt-0043");

        String requestA = LLM.bodies().stream().filter(r -> r.contains("(tenant a)")).findFirst().orElseThrow();
        String requestB = LLM.bodies().stream().filter(r -> r.contains("(tenant b)")).findFirst().orElseThrow();
        assertThat(requestA).contains(A_RULE, "Global house style: short sentences.");
        assertThat(requestB).contains("Global house style: short sentences.").doesNotContain(A_RULE, "night desk");
        assertThat(composedSha(a)).isNotEqualTo(composedSha(b));
        assertThat(historyRow(a.id(), ta)).containsEntry("synthesizer", "llm").containsEntry("composed_prompt_sha256", composedSha(a));
        assertThat(historyRow(b.id(), tb)).containsEntry("composed_prompt_sha256", composedSha(b));
    }

    @Test
    void theDeterministicNoteLeavesOutWhatATenantRuleForbids() {
        LLM.mode(FakeLlm.Mode.ERROR_500); // the deterministic synthesizer writes the notes
        Tenant ruled = env.createTenant("dc-rule", null);
        Tenant control = env.createTenant("dc-control", null);
        overlay(ruled, "safety", DC_RULE);
        for (Tenant t : List.of(ruled, control)) {
            JsonHttp.Reply kb = env.workerHttp().post("/v1/tenants/" + t.id().value() + "/kb-articles", OPERATOR,
                    "{\"articles\":[{\"article_id\":\"KB-12\",\"title\":\"Domain logon failures\",\"content\":"
                            + "\"1. Reboot the domain controller DC01\\n2. Check replication with repadmin /replsummary\","
                            + "\"tags\":[\"logon\"]}]}");
            assertThat(kb.status()).isEqualTo(200);
        }

        String ruledTicket = enhance(ruled, "Domain logon failures at the Berlin office", "Logons fail, domain controller slow");
        String controlTicket = enhance(control, "Domain logon failures at the Berlin office", "Logons fail, domain controller slow");
        LLM.mode(FakeLlm.Mode.OK);

        String ruledNote = ruled.sdp().listNotes(ruledTicket).get(0).descriptionHtml();
        String controlNote = control.sdp().listNotes(controlTicket).get(0).descriptionHtml();
        assertThat(controlNote).as("the control tenant has no rule").contains("Reboot the domain controller DC01");
        assertThat(ruledNote).contains("repadmin /replsummary").doesNotContain("Reboot the domain controller");
        assertThat(historyRow(ruled.id(), ruledTicket)).containsEntry("synthesizer", "deterministic")
                .containsEntry("composed_prompt_sha256", composedSha(ruled));
    }

    @Test
    void theDeterminismProbeReportsTheComposedPromptItProved() {
        Tenant t = env.createTenant("bundle-probe", null);
        seedHistory(t.id(), "P-1", "VPN disconnects every few minutes", "Raised the idle timeout");
        JsonHttp worker = env.workerHttp();
        String probe = "{\"tenant_id\":\"bundle-probe\",\"runs\":2,\"seed\":42}";
        var before = worker.post("/internal/v1/determinism-probe", GATES, probe).json();
        assertThat(before.path("identical").asBoolean()).isTrue();
        assertThat(before.path("context").path("composed_prompt_sha256").asText()).isEqualTo(composedSha(t));
        assertThat(before.path("context").path("composed_prompt_version").asText()).isEqualTo("g1-t0");

        overlay(t, "safety", DC_RULE);
        var after = worker.post("/internal/v1/determinism-probe", GATES, probe).json();

        assertThat(after.path("identical").asBoolean()).isTrue();
        assertThat(after.path("context").path("composed_prompt_sha256").asText()).isEqualTo(composedSha(t))
                .isNotEqualTo(before.path("context").path("composed_prompt_sha256").asText());
        assertThat(after.path("context").path("composed_prompt_version").asText()).isEqualTo("g1-t1");
        assertThat(after.path("context").path("fingerprint")).isEqualTo(before.path("context").path("fingerprint"));
        var stagesBefore = before.path("runs").get(0).path("stages");
        var stagesAfter = after.path("runs").get(0).path("stages");
        assertThat(stagesAfter.path("snapshot")).isNotEqualTo(stagesBefore.path("snapshot"));
        assertThat(stagesAfter.path("prompt")).isNotEqualTo(stagesBefore.path("prompt"));
    }
}
