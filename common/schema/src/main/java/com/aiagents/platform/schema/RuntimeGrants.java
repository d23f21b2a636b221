package com.aiagents.platform.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runtime role's privileges, re-applied after every migration so a new table is never
 * forgotten: DML on every table, except append-only tables (SELECT, INSERT) and Flyway's own
 * history (nothing). No ownership, no DDL, so FORCE'd row-level security always applies.
 */
final class RuntimeGrants {
    static final Set<String> APPEND_ONLY = Set.of("audit_log");
    static final Set<String> PRIVATE = Set.of("flyway_schema_history");

    private final Connection connection;

    RuntimeGrants(Connection connection) {
        this.connection = connection;
    }

    void grantTo(String role) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("GRANT USAGE ON SCHEMA public TO " + role);
            for (String table : tables(st)) {
                if (PRIVATE.contains(table)) {
                    st.execute("REVOKE ALL ON TABLE " + quote(table) + " FROM " + role);
                } else if (APPEND_ONLY.contains(table)) {
                    st.execute("REVOKE UPDATE, DELETE, TRUNCATE ON TABLE " + quote(table) + " FROM " + role);
                    st.execute("GRANT SELECT, INSERT ON TABLE " + quote(table) + " TO " + role);
                } else {
                    st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE " + quote(table) + " TO " + role);
                }
            }
            st.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role);
            st.execute("GRANT EXECUTE ON FUNCTION set_tenant_context(text) TO " + role);
            st.execute("GRANT EXECUTE ON FUNCTION set_live_tenant_context(text) TO " + role);
            st.execute("GRANT EXECUTE ON FUNCTION registry_list_tenants(text, integer, integer) TO " + role);
        }
    }

    private static List<String> tables(Statement st) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
