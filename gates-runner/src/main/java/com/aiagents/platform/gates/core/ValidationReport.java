package com.aiagents.platform.gates.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The onboarding report of docs/gates.md, line for line:
 * <pre>
 * === Tenant Onboarding Validation ===
 * Tenant: acme-corp
 *
 * Gate 1: RLS Harness
 *   ✅ PASS - No cross-tenant leaks detected
 * ...
 *
 * === OVERALL: 4/4 GATES PASS ===
 * Tenant acme-corp is approved for pilot.
 * </pre>
 * A failed gate reads {@code ❌ FAIL - <reason>}; the last line then says the tenant is not approved
 * and which gates failed. A run of fewer than four gates never approves a tenant.
 */
public final class ValidationReport {
    private ValidationReport() {
    }

    public static String render(GateRun run) {
        StringBuilder out = new StringBuilder();
        String tenant = run.tenantId().value();
        out.append("=== Tenant Onboarding Validation ===\n");
        out.append("Tenant: ").append(tenant).append("\n\n");
        for (GateResult result : run.results()) {
            out.append("Gate ").append(result.gate()).append(": ").append(result.name()).append('\n');
            out.append("  ").append(result.passed() ? "✅ PASS - " : "❌ FAIL - ").append(oneLine(result.summary()))
                    .append('\n');
        }
        out.append('\n');
        out.append("=== OVERALL: ").append(run.passedCount()).append('/').append(run.results().size())
                .append(" GATES PASS ===\n");
        out.append(verdict(run)).append('\n');
        return out.toString();
    }

    private static String verdict(GateRun run) {
        String tenant = run.tenantId().value();
        if (run.approved()) {
            return "Tenant " + tenant + " is approved for pilot.";
        }
        List<Integer> failed = run.results().stream().filter(r -> !r.passed()).map(GateResult::gate).toList();
        if (!failed.isEmpty()) {
            String which = failed.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return "Tenant " + tenant + " is NOT approved for pilot: gate" + (failed.size() > 1 ? "s " : " ")
                    + which + (failed.size() > 1 ? " failed." : " failed.");
        }
        return "Tenant " + tenant + " is NOT approved for pilot: only " + run.results().size()
                + " of the 4 gates were run.";
    }

    /** A reason is printed on one line, whatever a gate put into it. */
    private static String oneLine(String summary) {
        return summary == null ? "" : summary.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
