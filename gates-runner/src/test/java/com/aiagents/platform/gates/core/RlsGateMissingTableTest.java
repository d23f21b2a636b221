package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gates.db.RuntimeRoleConnections;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gate 1 cannot pass by finding fewer tables: with a tenant-scoped table the platform needs dropped
 * (in this class's own database), every remaining table is isolated, yet the gate fails naming it.
 */
class RlsGateMissingTableTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    @Test
    void aRequiredTableThatIsGoneFailsTheGate() throws Exception {
        TestDatabase db = DB.get();
        try (Connection c = db.connectAsOwner(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE kb_articles CASCADE");
        }
        // gate 1 runs for a registered tenant (set_tenant_context's control needs one)
        try (Connection c = db.connectAsSuperuser(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO tenant_configs (tenant_id, name, tier, status, admin_contact_email, servicedesk_url, "
                    + "servicedesk_edition, webhook_auth_mode, enhancement_preferences, rate_limits) VALUES ('acme-corp', "
                    + "'Acme', 'basic', 'configured', 'a@acme.example', 'https://sdp.acme.example', 'onprem', 'hmac', "
                    + "'{}', '{}')");
        }

        GateOutcome outcome = new RlsGate(new RuntimeRoleConnections(db.jdbcUrl(), db.roleFor(ServiceRole.GATES_RUNNER), db.password()))
                .run(new GateContext("run-missing", TenantId.of("acme-corp"), null));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.summary()).isEqualTo("RLS leak on kb_articles: kb_articles missing_table - required "
                + "tenant-scoped table kb_articles was not found (no table with a tenant_id column by that name in "
                + "schema public): its isolation cannot be proven");
        @SuppressWarnings("unchecked")
        List<String> checked = (List<String>) outcome.details().get("tables_checked");
        assertThat(checked).contains("ticket_history").doesNotContain("kb_articles");
    }
}
