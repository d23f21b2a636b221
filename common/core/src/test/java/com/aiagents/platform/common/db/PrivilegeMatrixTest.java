package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.schema.SchemaMigrator;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every role holds on every object of the migrated schema, read from the catalog and compared
 * with the declared expectation in {@code db/expected-privileges.txt}: a new table, sequence,
 * function or grant changes the matrix and fails this test until someone decides it and writes it
 * into that file (and into {@code ServiceGrants}, which applies it).
 */
class PrivilegeMatrixTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    private static final List<String> TABLE_PRIVILEGES = List.of(
            "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");
    private static final List<String> COLUMN_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "REFERENCES");
    private static final List<String> SEQUENCE_PRIVILEGES = List.of("USAGE", "SELECT", "UPDATE");

    @Test
    void everyRoleHoldsExactlyTheDeclaredPrivileges() throws Exception {
        List<String> actual = matrix(DB.get());
        List<String> expected = expected();
        assertThat(actual)
                .as("privilege matrix (actual, one line per object and grantee); the declared one is "
                        + "common/core/src/test/resources/db/expected-privileges.txt:\n" + String.join("\n", actual))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void noSecurityDefinerFunctionIsExecutableByPublic() throws SQLException {
        try (Connection c = DB.get().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("SELECT p.oid::regprocedure::text, "
                     + "p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) "
                     + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                     + "WHERE n.nspname = 'public' AND p.prosecdef");
             ResultSet rs = st.executeQuery()) {
            List<String> definers = new ArrayList<>();
            while (rs.next()) {
                definers.add(rs.getString(1));
                assertThat(rs.getBoolean(2)).as("PUBLIC may execute " + rs.getString(1)).isFalse();
            }
            assertThat(definers).contains("set_tenant_context(text)", "gate_run_tenant(text)");
        }
    }

    @Test
    void reApplyingTheGrantsRevokesAnUndeclaredOne() throws SQLException {
        TestDatabase db = DB.get();
        try (Connection owner = db.connectAsOwner()) {
            owner.createStatement().execute("GRANT INSERT ON gate_runs TO " + db.roleFor(ServiceRole.ENHANCEMENT_WORKER));
        }
        db.migrate();
        try (Connection c = db.connectAs(ServiceRole.ENHANCEMENT_WORKER);
             ResultSet rs = c.createStatement().executeQuery("SELECT has_table_privilege('gate_runs', 'INSERT')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("a grant made by hand is gone after the next db migrate").isFalse();
        }
    }

    /** One line per object and grantee holding anything on it; "<kind> <name> -" when no one does. */
    static List<String> matrix(TestDatabase db) throws SQLException {
        Map<String, String> grantees = new LinkedHashMap<>();
        for (ServiceRole role : ServiceRole.values()) {
            grantees.put(db.roleFor(role), role.service());
        }
        grantees.put(SchemaMigrator.registryRoleFor(db.roleFor(ServiceRole.TENANT_SERVICE)), "registry");
        grantees.put(SchemaMigrator.searchRoleFor(db.roleFor(ServiceRole.ENHANCEMENT_WORKER)), "search");
        grantees.put("public", "PUBLIC");
        List<String> lines = new ArrayList<>();
        try (Connection c = db.connectAsSuperuser()) {
            for (String[] object : objects(c)) {
                String kind = object[0];
                String name = object[1];
                boolean anyone = false;
                for (Map.Entry<String, String> grantee : grantees.entrySet()) {
                    List<String> held = held(c, kind, name, grantee.getKey());
                    if (!held.isEmpty()) {
                        anyone = true;
                        lines.add(kind + " " + name + " " + grantee.getValue() + " " + String.join(" ", held));
                    }
                }
                if (!anyone) {
                    lines.add(kind + " " + name + " -");
                }
            }
        }
        return lines;
    }

    /** Every table, view, sequence and function of the schema, and the schema itself. */
    private static List<String[]> objects(Connection c) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        objects.add(new String[] {"schema", "public"});
        try (PreparedStatement st = c.prepareStatement("SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END, "
                + "c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') "
                + "UNION ALL SELECT 'function', p.oid::regprocedure::text FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND NOT EXISTS ("
                + "SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') "
                + "ORDER BY 1, 2");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                objects.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return objects;
    }

    private static List<String> held(Connection c, String kind, String name, String role) throws SQLException {
        List<String> held = new ArrayList<>();
        switch (kind) {
            case "schema" -> {
                for (String privilege : List.of("USAGE", "CREATE")) {
                    if (check(c, "SELECT has_schema_privilege(?, ?, ?)", role, name, privilege)) {
                        held.add(privilege);
                    }
                }
            }
            case "sequence" -> {
                for (String privilege : SEQUENCE_PRIVILEGES) {
                    if (check(c, "SELECT has_sequence_privilege(?, 'public.' || quote_ident(?), ?)", role, name, privilege)) {
                        held.add(privilege);
                    }
                }
            }
            case "function" -> {
                if (check(c, "SELECT has_function_privilege(?, ?::regprocedure, 'EXECUTE')", role, name, null)) {
                    held.add("EXECUTE");
                }
            }
            default -> {
                for (String privilege : TABLE_PRIVILEGES) {
                    if (check(c, "SELECT has_table_privilege(?, 'public.' || quote_ident(?), ?)", role, name, privilege)) {
                        held.add(privilege);
                    } else if (COLUMN_PRIVILEGES.contains(privilege)) {
                        List<String> columns = columns(c, role, name, privilege);
                        if (!columns.isEmpty()) {
                            held.add(privilege + "(" + String.join(",", columns) + ")");
                        }
                    }
                }
            }
        }
        return held;
    }

    private static List<String> columns(Connection c, String role, String table, String privilege) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT a.attname FROM pg_attribute a "
                + "WHERE a.attrelid = ('public.' || quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND has_column_privilege(?, a.attrelid, a.attnum, ?) ORDER BY a.attnum")) {
            st.setString(1, table);
            st.setString(2, role);
            st.setString(3, privilege);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            return columns;
        }
    }

    private static boolean check(Connection c, String sql, String role, String object, String privilege)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, role);
            st.setString(2, object);
            if (privilege != null) {
                st.setString(3, privilege);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = PrivilegeMatrixTest.class.getResourceAsStream("/db/expected-privileges.txt")) {
            assertThat(in).as("db/expected-privileges.txt on the test class path").isNotNull();
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(String.join(" ", trimmed.split("\\s+")));
                }
            }
            return lines;
        }
    }
}
