package com.aiagents.platform.provisioning.onboarding;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.SERVICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.provisioning.support.Api;
import com.aiagents.platform.provisioning.support.Gates;
import com.aiagents.platform.provisioning.support.FakeWorker;
import com.aiagents.platform.provisioning.support.Leftovers;
import com.aiagents.platform.provisioning.support.ProvisioningApp;
import com.aiagents.platform.provisioning.support.SdpSimulator;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** KUBERNETES_MODE=manifests end to end: a premium onboarding writes the tenant's YAML for GitOps, rollback removes it. */
class ManifestsModeOnboardingTest {
    @RegisterExtension
    static final TenantServiceExtension TENANTS = new TenantServiceExtension();

    @TempDir
    Path manifests;

    @Test
    void aPremiumOnboardingWritesItsManifestsAndRollbackRemovesThem() throws IOException {
        try (SdpSimulator sdp = new SdpSimulator();
             FakeWorker worker = new FakeWorker(SERVICE_TOKEN);
             Gates gates = new Gates(TENANTS.database(), SERVICE_TOKEN, TENANTS.baseUrl());
             ProvisioningApp app = ProvisioningApp.builder(TENANTS.database())
                     .tenantService(TENANTS.baseUrl())
                     .gatesRunner(gates.baseUrl())
                     .worker(worker.baseUrl())
                     .set("kubernetes.mode", "manifests")
                     .set("kubernetes.manifestsDir", manifests.toString())
                     .start()) {
            gates.provisioningAt(app.baseUrl());
            Api api = new Api(app.baseUrl());
            String tenant = OnboardingEndToEndTest.unique("gitops");

            Api.Reply reply = api.post("/v1/onboardings", ADMIN_TOKEN, "{\"tenant_id\": \"" + tenant + "\","
                    + " \"name\": \"GitOps Co\", \"tier\": \"premium\", \"admin_contact_email\": \"ops@gitops.example\","
                    + " \"servicedesk_url\": \"" + sdp.instance(tenant, "SDP-KEY-gitops-never-in-git") + "\","
                    + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-gitops-never-in-git\"}}");

            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            assertThat(reply.json().path("status").asText()).isEqualTo("succeeded");
            Path dir = manifests.resolve(tenant);
            assertThat(fileNames(dir)).containsExactly("01-namespace-tenant-" + tenant + ".yaml",
                    "02-serviceaccount-tenant-" + tenant + ".yaml", "03-role-tenant-reader.yaml",
                    "04-rolebinding-tenant-reader.yaml", "05-resourcequota-tenant-quota.yaml",
                    "06-limitrange-tenant-limits.yaml", "07-networkpolicy-tenant-isolation.yaml");
            for (String file : fileNames(dir)) {
                assertThat(Files.readString(dir.resolve(file), StandardCharsets.UTF_8))
                        .contains("tenant-id: \"" + tenant + "\"").doesNotContain("SDP-KEY-gitops");
            }
            Api.Reply status = api.get("/v1/tenants/" + tenant + "/kubernetes", ADMIN_TOKEN);
            assertThat(status.json().path("mode").asText()).isEqualTo("manifests");
            assertThat(status.json().path("converged").asBoolean()).isTrue();
            assertThat(new Api(app.adminUrl()).get("/healthcheck", null).json().path("kubernetes").path("message").asText())
                    .contains("writable");

            Api.Reply rolledBack = api.delete("/v1/onboardings/" + reply.json().path("onboarding_id").asText(), ADMIN_TOKEN);
            assertThat(rolledBack.json().path("status").asText()).as(rolledBack.body()).isEqualTo("rolled_back");
            assertThat(dir).doesNotExist();
            assertThat(Leftovers.registryStatus(TENANTS.database(), tenant)).as("offboarded: it had gone live").isEqualTo("offboarded");
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
