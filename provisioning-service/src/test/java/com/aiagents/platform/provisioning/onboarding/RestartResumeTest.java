package com.aiagents.platform.provisioning.onboarding;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.SERVICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.provisioning.kubernetes.ClusterKubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.MockCluster;
import com.aiagents.platform.provisioning.kubernetes.TenantResourcePlanner;
import com.aiagents.platform.provisioning.support.Api;
import com.aiagents.platform.provisioning.support.Gates;
import com.aiagents.platform.provisioning.support.FakeWorker;
import com.aiagents.platform.provisioning.support.ProvisioningApp;
import com.aiagents.platform.provisioning.support.SdpSimulator;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * provisioning-service stops while an onboarding runs: the steps are in the database, the run is
 * recorded as failed/interrupted, and a new process resumes it from the interrupted step when the
 * same request (same idempotency key) comes again.
 */
class RestartResumeTest {
    @RegisterExtension
    static final TenantServiceExtension TENANTS = new TenantServiceExtension();

    @Test
    void anOnboardingInterruptedByARestartResumesInTheNextProcess() throws Exception {
        try (SdpSimulator sdp = new SdpSimulator();
             FakeWorker worker = new FakeWorker(SERVICE_TOKEN);
             Gates gates = new Gates(TENANTS.database(), SERVICE_TOKEN, TENANTS.baseUrl());
             MockCluster cluster = new MockCluster()) {
            String tenant = OnboardingEndToEndTest.unique("restart");
            String body = "{\"idempotency_key\": \"restart-" + tenant + "\", \"tenant_id\": \"" + tenant + "\","
                    + " \"name\": \"Restart Ltd\", \"tier\": \"premium\", \"admin_contact_email\": \"ops@restart.example\","
                    + " \"servicedesk_url\": \"" + sdp.instance(tenant, "SDP-KEY-restart") + "\","
                    + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-restart\"}}";

            String id;
            gates.pipeline().hold();
            try (ProvisioningApp first = start(gates, worker, cluster)) {
                Api.Reply accepted = new Api(first.baseUrl()).post("/v1/onboardings", ADMIN_TOKEN, body,
                        "Prefer", "respond-async");
                assertThat(accepted.status()).isEqualTo(202);
                id = accepted.json().path("onboarding_id").asText();
                assertThat(gates.pipeline().awaitArrival()).as("the run reached the gates").isTrue();
            }
            gates.pipeline().release();
            // the interrupted process's gate run goes on in gates-runner; a second one would be refused (409)
            await().atMost(Duration.ofSeconds(30)).until(() -> gates.hasCompleteRun(tenant));

            try (ProvisioningApp second = start(gates, worker, cluster)) {
                Api api = new Api(second.baseUrl());
                Api.Reply interrupted = api.get("/v1/onboardings/" + id, ADMIN_TOKEN);
                assertThat(interrupted.json().path("status").asText()).as(interrupted.body()).isEqualTo("failed");
                assertThat(interrupted.step("provision_kubernetes").path("status").asText()).isEqualTo("succeeded");
                assertThat(interrupted.step("run_gates").path("status").asText()).isEqualTo("failed");

                Api.Reply resumed = api.post("/v1/onboardings", ADMIN_TOKEN, body);

                assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
                assertThat(resumed.json().path("onboarding_id").asText()).isEqualTo(id);
                assertThat(resumed.json().path("status").asText()).isEqualTo("succeeded");
                assertThat(resumed.step("provision_kubernetes").path("attempts").asInt()).as("not redone").isEqualTo(1);
                assertThat(resumed.step("run_gates").path("attempts").asInt()).isEqualTo(2);
            }
        }
    }

    private static ProvisioningApp start(Gates gates, FakeWorker worker, MockCluster cluster) {
        ProvisioningApp app = ProvisioningApp.builder(TENANTS.database())
                .tenantService(TENANTS.baseUrl())
                .gatesRunner(gates.baseUrl())
                .worker(worker.baseUrl())
                .kubernetes(config -> new ClusterKubernetesProvisioner(cluster.newClient(),
                        new TenantResourcePlanner(config.settings())))
                .start();
        gates.provisioningAt(app.baseUrl());
        return app;
    }
}
