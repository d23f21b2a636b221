package com.aiagents.platform.common.db;

/** One way a table (or the role) fails to isolate tenants; {@code table} is "*" for role-level findings. */
public record RlsFinding(String table, String check, String detail) {
    @Override
    public String toString() {
        return table + ": " + check + " - " + detail;
    }
}
