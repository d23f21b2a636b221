package com.aiagents.platform.gates.core;

import com.aiagents.platform.common.db.RlsFinding;
import com.aiagents.platform.common.db.RlsHarness;
import com.aiagents.platform.common.db.RlsReport;
import com.aiagents.platform.gates.db.RuntimeRoleConnections;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gate 1: connected as gates-runner's own role, {@link RlsHarness} finds every table with a
 * {@code tenant_id} column in the catalog, checks RLS is enabled and forced with a policy on
 * {@code app.current_tenant_id} in USING and WITH CHECK, and probes read, update, delete and
 * insert-as-other in both directions with canary rows, plus no-context reads and writes. A failure
 * names the table(s) and the leak.
 */
public final class RlsGate implements Gate {
    static final String PASS = "No cross-tenant leaks detected";

    private final RuntimeRoleConnections connections;

    public RlsGate(RuntimeRoleConnections connections) {
        this.connections = connections;
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String name() {
        return "RLS Harness";
    }

    @Override
    public GateOutcome run(GateContext context) throws Exception {
        RlsReport report;
        try (Connection connection = connections.open()) {
            report = new RlsHarness(connection).run(context.tenantId());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", connections.user());
        details.put("tables_checked", report.tablesChecked());
        details.put("findings", report.findings().stream().map(f -> Map.of(
                "table", f.table(), "check", f.check(), "detail", f.detail())).toList());
        if (report.passed()) {
            return GateOutcome.pass(PASS, details);
        }
        return GateOutcome.fail(summarize(report.findings()), details);
    }

    /**
     * e.g. {@code RLS leak on leaky_notes: leaky_notes rls_enabled - row-level security is not enabled
     * (+7 more findings)}, or for the role {@code RLS leak on the connected role, ...: the connected role
     * app has BYPASSRLS: RLS does not apply to it}.
     */
    static String summarize(List<RlsFinding> findings) {
        Set<String> where = new LinkedHashSet<>();
        for (RlsFinding finding : findings) {
            where.add(finding.table().equals("*") ? "the connected role" : finding.table());
        }
        RlsFinding first = findings.get(0);
        int more = findings.size() - 1;
        return "RLS leak on " + String.join(", ", where) + ": "
                + (first.table().equals("*") ? "" : first.table() + " " + first.check() + " - ") + first.detail()
                + (more > 0 ? " (+" + more + " more finding" + (more > 1 ? "s" : "") + ")" : "");
    }
}
