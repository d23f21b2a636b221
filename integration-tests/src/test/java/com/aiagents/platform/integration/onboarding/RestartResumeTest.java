package com.aiagents.platform.integration.onboarding;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.VIEWER;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.integration.support.Platform;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * provisioning-service stops while an onboarding runs: the steps are in the database, the run is
 * recorded as failed/interrupted, and the next process (same ports, same database) resumes it from
 * the interrupted step when the same request (same idempotency key) comes again.
 */
class RestartResumeTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.inClusterMode();

    @Test
    void anOnboardingInterruptedByARestartResumesInTheNextProcess() {
        String tenant = unique("restart");
        String body = "{\"idempotency_key\": \"restart-" + tenant + "\", \"tenant_id\": \"" + tenant + "\","
                + " \"name\": \"Restart Ltd\", \"tier\": \"premium\", \"admin_contact_email\": \"ops@restart.example\","
                + " \"servicedesk_url\": \"" + PLATFORM.sdpInstanceWithHistory(tenant, "SDP-KEY-restart") + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-restart\"}}";
        JsonHttp.Reply accepted = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, body, "Prefer", "respond-async");
        assertThat(accepted.status()).isEqualTo(202);
        // a slow SDP keeps the gate run going (gate 3 makes several SDP calls) while the process stops;
        // slowed once the history is in, which the onboarding imports from SDP before the gates
        PLATFORM.awaitTicketHistoryImported(tenant);
        PLATFORM.sdp().setLatency(tenant, 1500);
        String id = accepted.json().path("onboarding_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(PLATFORM.provisioning()
                .get("/v1/onboardings/" + id, ADMIN).element("steps", "name", "run_gates").path("status").asText()));
        PLATFORM.stopProvisioning();
        PLATFORM.sdp().setLatency(tenant, 0);
        // the interrupted process's gate run goes on in gates-runner; a second one would be refused (409)
        await().atMost(Duration.ofSeconds(60)).until(() -> hasCompleteRun(tenant));

        PLATFORM.startProvisioning();
        JsonHttp api = PLATFORM.provisioning();
        JsonHttp.Reply interrupted = api.get("/v1/onboardings/" + id, ADMIN);
        assertThat(interrupted.json().path("status").asText()).as(interrupted.body()).isEqualTo("failed");
        assertThat(interrupted.element("steps", "name", "provision_kubernetes").path("status").asText()).isEqualTo("succeeded");
        assertThat(interrupted.element("steps", "name", "run_gates").path("status").asText()).isEqualTo("failed");

        JsonHttp.Reply resumed = api.post("/v1/onboardings", ADMIN, body);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        assertThat(resumed.json().path("onboarding_id").asText()).isEqualTo(id);
        assertThat(resumed.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.element("steps", "name", "provision_kubernetes").path("attempts").asInt()).as("not redone").isEqualTo(1);
        assertThat(resumed.element("steps", "name", "run_gates").path("attempts").asInt()).isEqualTo(2);
    }

    /** Whether gates-runner has recorded a complete run (all four gates) for the tenant. */
    private static boolean hasCompleteRun(String tenantId) {
        JsonHttp.Reply reply = PLATFORM.gatesRunner().get("/v1/tenants/" + tenantId + "/gate-runs?limit=1", VIEWER);
        return reply.status() == 200 && reply.json().path("runs").path(0).path("gates").size() == 4;
    }
}
