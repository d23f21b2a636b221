package com.aiagents.platform.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog says about tenant isolation: the connected role's attributes, and for every
 * table with a {@code tenant_id} column (found, not listed) whether RLS is enabled and forced and
 * whether every policy that applies to this role checks {@code app.current_tenant_id} in both
 * USING and WITH CHECK.
 */
final class RlsCatalog {
    private static final String SETTING = "current_setting('app.current_tenant_id'";

    private RlsCatalog() {
    }

    static List<String> tenantScopedTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static void checkRole(Connection c, List<RlsFinding> findings) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT rolsuper, rolbypassrls, rolname FROM pg_roles WHERE rolname = current_user");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            String role = rs.getString(3);
            if (rs.getBoolean(1)) {
                findings.add(new RlsFinding("*", "role", "the connected role " + role
                        + " is a superuser: RLS does not apply to it"));
            }
            if (rs.getBoolean(2)) {
                findings.add(new RlsFinding("*", "role", "the connected role " + role
                        + " has BYPASSRLS: RLS does not apply to it"));
            }
        }
    }

    static void checkTable(Connection c, String table, List<RlsFinding> findings) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT c.relrowsecurity, c.relforcerowsecurity, "
                + "pg_get_userbyid(c.relowner) = current_user FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    findings.add(new RlsFinding(table, "rls_enabled", "row-level security is not enabled"));
                }
                if (!rs.getBoolean(2)) {
                    findings.add(new RlsFinding(table, "rls_forced", "row-level security is not forced (the owner bypasses it)"));
                }
                if (rs.getBoolean(3)) {
                    findings.add(new RlsFinding(table, "owner", "the connected role owns the table"));
                }
            }
        }
        checkPolicies(c, table, findings);
    }

    private static void checkPolicies(Connection c, String table, List<RlsFinding> findings) throws SQLException {
        int applicable = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT policyname, cmd, permissive, coalesce(qual, ''), "
                + "coalesce(with_check, ''), roles::text[] FROM pg_policies WHERE schemaname = 'public' AND tablename = ? "
                + "ORDER BY policyname")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String[] roles = (String[]) rs.getArray(6).getArray();
                    if (!appliesToCurrentUser(c, roles)) {
                        continue;
                    }
                    applicable++;
                    String policy = rs.getString(1);
                    String cmd = rs.getString(2);
                    if (!rs.getString(4).contains(SETTING) && !cmd.equals("INSERT")) {
                        findings.add(new RlsFinding(table, "policy_using",
                                "policy " + policy + " does not compare tenant_id with app.current_tenant_id in USING"));
                    }
                    boolean writes = cmd.equals("ALL") || cmd.equals("INSERT") || cmd.equals("UPDATE");
                    if (writes && !rs.getString(5).contains(SETTING)) {
                        findings.add(new RlsFinding(table, "policy_with_check",
                                "policy " + policy + " has no WITH CHECK on app.current_tenant_id"));
                    }
                }
            }
        }
        if (applicable == 0) {
            findings.add(new RlsFinding(table, "policy", "no row-level security policy applies to the connected role"));
        }
    }

    private static boolean appliesToCurrentUser(Connection c, String[] roles) throws SQLException {
        for (String role : roles) {
            if (role.equals("public")) {
                return true;
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT pg_has_role(current_user, ?, 'USAGE')")) {
                st.setString(1, role);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
