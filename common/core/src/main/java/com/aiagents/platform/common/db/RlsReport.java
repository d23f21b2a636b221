package com.aiagents.platform.common.db;

import java.util.List;

/**
 * The outcome of an {@link RlsHarness} run: which tables were checked, what became of each
 * SECURITY DEFINER function, and what leaked.
 */
public record RlsReport(List<String> tablesChecked, List<RlsFinding> findings, List<DefinerFunctionResult> functions) {
    public RlsReport {
        tablesChecked = List.copyOf(tablesChecked);
        findings = List.copyOf(findings);
        functions = List.copyOf(functions);
    }

    public boolean passed() {
        return findings.isEmpty();
    }
}
