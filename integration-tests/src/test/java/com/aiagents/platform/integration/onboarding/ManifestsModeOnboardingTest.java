package com.aiagents.platform.integration.onboarding;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static com.aiagents.platform.integration.support.Platform.VIEWER;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.integration.support.Leftovers;
import com.aiagents.platform.integration.support.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KUBERNETES_MODE=manifests end to end: onboardings write the tenant's YAML for GitOps, never the
 * credentials Secret (delivered out of band, reported {@code external}), gate 4 checks every other
 * object's file, and rollback removes the directory.
 */
class ManifestsModeOnboardingTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInManifestsMode();

    @Test
    void aPremiumOnboardingWritesItsManifestsAndRollbackRemovesThem() throws IOException {
        JsonHttp api = PLATFORM.provisioning();
        String tenant = unique("gitops");

        JsonHttp.Reply reply = api.post("/v1/onboardings", ADMIN, body(tenant, "premium", "SDP-KEY-gitops-never-in-git"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("status").asText()).as(reply.body()).isEqualTo("succeeded");
        Path dir = PLATFORM.manifestsDir().resolve(tenant);
        assertThat(fileNames(dir)).containsExactly("01-namespace-tenant-" + tenant + ".yaml",
                "02-rolebinding-ai-agents-provisioning.yaml", "03-serviceaccount-tenant-" + tenant + ".yaml",
                "04-rolebinding-tenant-workload.yaml", "05-resourcequota-tenant-quota.yaml",
                "06-limitrange-tenant-limits.yaml", "07-networkpolicy-tenant-isolation.yaml");
        for (String file : fileNames(dir)) {
            assertThat(Files.readString(dir.resolve(file), StandardCharsets.UTF_8))
                    .contains("tenant-id: \"" + tenant + "\"").doesNotContain("SDP-KEY-gitops");
        }
        JsonHttp.Reply status = api.get("/v1/tenants/" + tenant + "/kubernetes", ADMIN);
        assertThat(status.json().path("mode").asText()).isEqualTo("manifests");
        assertThat(status.json().path("converged").asBoolean()).isTrue();
        assertThat(status.json().path("objects").get(7).toString()).isEqualTo("{\"kind\":\"Secret\",\"namespace\":\"tenant-"
                + tenant + "\",\"name\":\"tenant-" + tenant + "-credentials\",\"state\":\"external\"}");
        assertThat(PLATFORM.provisioningAdmin().get("/healthcheck", null).json().path("kubernetes").path("message").asText())
                .contains("writable");
        assertThat(lastRun(tenant).path("gates").get(3).path("details").path("checks").path("kubernetes").path("detail")
                .asText()).as("gate 4 checked the seven files and named the Secret it could not").isEqualTo(
                "7 objects of tier premium present; delivered out of band (manifests mode keeps secrets out of git),"
                        + " not checked: Secret tenant-" + tenant + "/tenant-" + tenant + "-credentials");

        JsonHttp.Reply rolledBack = api.delete("/v1/onboardings/" + reply.json().path("onboarding_id").asText(), ADMIN);
        assertThat(rolledBack.json().path("status").asText()).as(rolledBack.body()).isEqualTo("rolled_back");
        assertThat(dir).doesNotExist();
        assertThat(Leftovers.registryStatus(PLATFORM.database(), tenant)).as("offboarding: it had gone live").isEqualTo("offboarding");
    }

    @Test
    void aBasicTenantPassesGateFourWithItsSecretDeliveredOutOfBand() throws IOException {
        String tenant = unique("gitops-basic");

        JsonHttp.Reply reply = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, body(tenant, "basic", "SDP-KEY-basic-never-in-git"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("status").asText()).as(reply.body()).isEqualTo("succeeded");
        assertThat(PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN).json().path("status").asText())
                .isEqualTo("active");
        assertThat(fileNames(PLATFORM.manifestsDir().resolve(tenant))).as("nothing to write but the Secret").isEmpty();
        JsonNode gateFour = lastRun(tenant).path("gates").get(3);
        assertThat(gateFour.path("passed").asBoolean()).as(gateFour.toString()).isTrue();
        assertThat(gateFour.path("details").path("checks").path("kubernetes").path("detail").asText())
                .isEqualTo("0 objects of tier basic present; delivered out of band (manifests mode keeps secrets out of"
                        + " git), not checked: Secret ai-agents/tenant-" + tenant + "-credentials");
        assertThat(lastRun(tenant).path("report").asText()).contains("  ✅ PASS - All integrations verified\n",
                "=== OVERALL: 4/4 GATES PASS ===");
    }

    @Test
    void aMissingManifestFailsGateFourByName() throws IOException {
        String tenant = unique("gitops-gap");
        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, body(tenant, "premium", "SDP-KEY-gap"));
        assertThat(onboarded.json().path("status").asText()).as(onboarded.body()).isEqualTo("succeeded");
        Files.delete(PLATFORM.manifestsDir().resolve(tenant).resolve("07-networkpolicy-tenant-isolation.yaml"));

        JsonHttp.Reply run = PLATFORM.gatesRunner().post("/v1/gate-runs", OPERATOR, "{\"tenant_id\":\"" + tenant + "\",\"gates\":[4]}");

        JsonNode gate = run.json().path("gates").get(0);
        assertThat(gate.path("passed").asBoolean()).isFalse();
        assertThat(gate.path("summary").asText()).isEqualTo("Kubernetes failed: tier premium objects not as desired: "
                + "NetworkPolicy tenant-" + tenant + "/tenant-isolation missing");
    }

    private static JsonNode lastRun(String tenant) {
        return PLATFORM.gatesRunner().get("/v1/tenants/" + tenant + "/gate-runs?limit=1", VIEWER).json().path("runs").get(0);
    }

    private static String body(String tenant, String tier, String apiKey) {
        return "{\"tenant_id\": \"" + tenant + "\", \"name\": \"GitOps Co\", \"tier\": \"" + tier + "\","
                + " \"admin_contact_email\": \"ops@gitops.example\","
                + " \"servicedesk_url\": \"" + PLATFORM.sdpInstanceWithHistory(tenant, apiKey) + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"" + apiKey + "\"}}";
    }

    private static List<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
