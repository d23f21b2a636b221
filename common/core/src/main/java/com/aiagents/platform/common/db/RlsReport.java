package com.aiagents.platform.common.db;

import java.util.List;

/** The outcome of an {@link RlsHarness} run: which tables were checked and what leaked. */
public record RlsReport(List<String> tablesChecked, List<RlsFinding> findings) {
    public RlsReport {
        tablesChecked = List.copyOf(tablesChecked);
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return findings.isEmpty();
    }
}
