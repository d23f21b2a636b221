package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gates.support.ContractReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printed report is docs/gates.md, character for character. */
class ValidationReportTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aPassingRunPrintsTheContractReportExactly() {
        GateRun run = new GateRun("run-1", TenantId.of("acme-corp"), List.of(
                result(1, "RLS Harness", true, "No cross-tenant leaks detected"),
                result(2, "Determinism Proof", true, "3/3 runs produced identical hash"),
                result(3, "Golden Path E2E", true, "All stages completed successfully"),
                result(4, "Integrations Contract", true, "All integrations verified")));

        assertThat(ValidationReport.render(run)).isEqualTo(ContractReport.ACME_CORP_APPROVED);
    }

    @Test
    void aFailingGateSaysWhyAndTheTenantIsNotApproved() {
        GateRun run = new GateRun("run-2", TenantId.of("acme-corp"), List.of(
                result(1, "RLS Harness", true, "No cross-tenant leaks detected"),
                result(2, "Determinism Proof", true, "3/3 runs produced identical hash"),
                result(3, "Golden Path E2E", false, "Stage job_picked_up failed: no enhancement_history row\nwithin 60s"),
                result(4, "Integrations Contract", true, "All integrations verified")));

        assertThat(ValidationReport.render(run)).isEqualTo("""
                === Tenant Onboarding Validation ===
                Tenant: acme-corp

                Gate 1: RLS Harness
                  ✅ PASS - No cross-tenant leaks detected
                Gate 2: Determinism Proof
                  ✅ PASS - 3/3 runs produced identical hash
                Gate 3: Golden Path E2E
                  ❌ FAIL - Stage job_picked_up failed: no enhancement_history row within 60s
                Gate 4: Integrations Contract
                  ✅ PASS - All integrations verified

                === OVERALL: 3/4 GATES PASS ===
                Tenant acme-corp is NOT approved for pilot: gate 3 failed.
                """);
        assertThat(run.approved()).isFalse();
    }

    @Test
    void aPartialRunNeverApproves() {
        GateRun run = new GateRun("run-3", TenantId.of("acme-corp"),
                List.of(result(1, "RLS Harness", true, "No cross-tenant leaks detected")));

        assertThat(ValidationReport.render(run)).endsWith("""
                === OVERALL: 1/1 GATES PASS ===
                Tenant acme-corp is NOT approved for pilot: only 1 of the 4 gates were run.
                """);
        assertThat(run.passed()).isTrue();
        assertThat(run.approved()).isFalse();
    }

    private static GateResult result(int gate, String name, boolean passed, String summary) {
        return new GateResult(gate, name, passed, summary, Map.of(), 1, T, T);
    }
}
