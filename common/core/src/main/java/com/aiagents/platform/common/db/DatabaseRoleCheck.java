package com.aiagents.platform.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What each service checks about its own database role before it serves anything: row-level
 * security protects tenants only from a role it applies to and that cannot switch it off. So the
 * role must not be a superuser, have BYPASSRLS or CREATEROLE (which could grant itself the owner's
 * role), own any object of the schema or belong to a role that does, be the role that ran the
 * migrations, or be able to CREATE in the schema (a table it made would be its own).
 */
public final class DatabaseRoleCheck {
    private DatabaseRoleCheck() {
    }

    /** Every problem with the connected role, each a sentence naming it; empty if there is none. */
    public static List<String> problems(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        String role;
        try (PreparedStatement st = c.prepareStatement("SELECT current_user, rolsuper, rolbypassrls, rolcreaterole "
                + "FROM pg_roles WHERE rolname = current_user");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            role = rs.getString(1);
            if (rs.getBoolean(2)) {
                problems.add("role " + role + " is a superuser (row-level security does not apply to it)");
            }
            if (rs.getBoolean(3)) {
                problems.add("role " + role + " has BYPASSRLS (row-level security does not apply to it)");
            }
            if (rs.getBoolean(4)) {
                problems.add("role " + role + " has CREATEROLE (it could make itself a member of the owner)");
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT c.relname, pg_get_userbyid(c.relowner) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                + "AND pg_has_role(current_user, c.relowner, 'MEMBER') ORDER BY c.relname LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            if (rs.next()) {
                String owner = rs.getString(2);
                problems.add(owner.equals(role)
                        ? "role " + role + " owns " + rs.getString(1) + " (an owner can disable row-level security)"
                        : "role " + role + " is a member of " + owner + ", which owns " + rs.getString(1)
                                + " (an owner can disable row-level security)");
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT r.role_name FROM platform_roles r "
                + "WHERE r.service = 'migration' AND EXISTS (SELECT 1 FROM pg_roles p WHERE p.rolname = r.role_name "
                + "AND pg_has_role(current_user, p.oid, 'MEMBER'))")) {
            // a role that cannot read it is not the migration role (the owner always can)
            if (readable(c, "platform_roles")) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        problems.add("role " + role + " is the migration role " + rs.getString(1)
                                + " or a member of it (DATABASE_MIGRATION_USER is for db migrate only)");
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT has_schema_privilege(current_user, 'public', 'CREATE')");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                problems.add("role " + role + " may CREATE in schema public (a table it creates would be its own)");
            }
        }
        return problems;
    }

    /** Throws, naming every problem, unless the connected role is fit for a service to run as. */
    public static void require(Connection c) throws SQLException {
        List<String> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to run with this database role: " + String.join("; ", problems)
                    + ". Each service connects as its own role, created and granted by 'tenant-service db migrate' "
                    + "(see docs/rls.md).");
        }
    }

    private static boolean readable(Connection c, String table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL "
                + "AND has_table_privilege(to_regclass(?), 'SELECT')")) {
            st.setString(1, "public." + table);
            st.setString(2, "public." + table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
