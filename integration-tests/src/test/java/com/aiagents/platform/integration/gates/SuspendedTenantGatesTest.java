package com.aiagents.platform.integration.gates;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.integration.support.CliRun;
import com.aiagents.platform.integration.support.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gates are refused for a suspended tenant, before anything runs or is recorded, so that a run that
 * cannot pass (the gateway refuses a suspended tenant's webhooks) never blocks its resume. On the
 * real platform: the tenant is onboarded for real, so its passing run is the one gates-runner
 * recorded; a run that got past the check would add rows to {@code gate_runs}.
 */
class SuspendedTenantGatesTest {
    private static final String TENANT = "paused-corp";
    private static final String API_KEY = "SDP-KEY-paused";

    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInClusterMode();

    @BeforeAll
    static void start() throws SQLException {
        suspendedAfterAPassingRun();
    }

    @Test
    void theApiRefusesASuspendedTenantAndRecordsNothing() throws SQLException {
        JsonHttp.Reply refused = PLATFORM.gatesRunner().post("/v1/gate-runs", OPERATOR, "{\"tenant_id\":\"" + TENANT + "\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("tenant_suspended");
        assertThat(refused.json().path("message").asText()).contains("resume the tenant; its last 4/4 run stands");
        assertThat(gateRunRows()).as("only the passing run from before the suspension").isEqualTo(4);
        assertThat(status("active").status()).as("the last 4/4 run still lets it resume").isEqualTo(200);
        assertThat(status("suspended").status()).isEqualTo(200);
    }

    @Test
    void theValidateCommandRefusesASuspendedTenantAndExitsNonZero() throws Exception {
        CliRun refused = CliRun.validate(PLATFORM.gatesRunnerSettings(), "--tenant", TENANT, "--all-gates");

        assertThat(refused.failure()).isPresent();
        assertThat(refused.err()).contains("validation failed: tenant " + TENANT + " is suspended",
                "resume the tenant; its last 4/4 run stands");
        assertThat(refused.out()).as("no report: nothing was run").isEmpty();
        assertThat(gateRunRows()).isEqualTo(4);
    }

    /** Onboarded (created, provisioned, proven 4/4 by gates-runner, activated), then suspended. */
    private static void suspendedAfterAPassingRun() throws SQLException {
        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\":\"" + TENANT + "\","
                + "\"name\":\"Paused\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@paused.example\","
                + "\"servicedesk_url\":\"" + PLATFORM.sdpInstanceWithHistory(TENANT, API_KEY) + "\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + API_KEY + "\"},\"webhook_auth\":{\"mode\":\"hmac\"}}");
        assertThat(onboarded.json().path("status").asText()).as(onboarded.body()).isEqualTo("succeeded");
        assertThat(gateRunRows()).as("the onboarding's one run, four gates").isEqualTo(4);
        assertThat(status("suspended").status()).isEqualTo(200);
    }

    private static JsonHttp.Reply status(String status) {
        return PLATFORM.tenantService().post("/v1/tenants/" + TENANT + "/status", ADMIN, "{\"status\":\"" + status + "\"}");
    }

    private static int gateRunRows() throws SQLException {
        try (Connection c = PLATFORM.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM gate_runs WHERE tenant_id = ?")) {
            st.setString(1, TENANT);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
