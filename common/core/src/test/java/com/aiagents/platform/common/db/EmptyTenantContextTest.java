package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No tenant context, or the empty one a pooled connection reads after a transaction-local setting,
 * reads nothing and writes nothing, on every table with a {@code tenant_id} column (found in the
 * catalog, not listed), as every service role that may read or write it and as the owner.
 */
class EmptyTenantContextTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    private static final String MARKER = "empty-context-canary";
    private static List<String> tables;

    /** Rows for a real tenant and for tenant_id '' where the table's constraints allow one, written past RLS. */
    @BeforeAll
    static void rowsPastRowLevelSecurity() throws SQLException {
        try (Connection su = DB.get().connectAsSuperuser()) {
            tables = RlsCatalog.tenantScopedTables(su);
            for (String table : tables) {
                CanaryRow row = CanaryRow.describe(su, table, MARKER);
                su.createStatement().executeUpdate(row.insertSql("tenant-a"));
                su.setAutoCommit(false);
                try (Statement st = su.createStatement()) {
                    st.executeUpdate(row.insertSql(""));
                    su.commit();
                } catch (SQLException refusedByAConstraint) {
                    su.rollback();
                } finally {
                    su.setAutoCommit(true);
                }
            }
        }
        assertThat(tables).contains("tenant_configs", "enhancement_history", "ticket_history", "system_inventory",
                "kb_articles", "gate_runs");
    }

    @Test
    void aPooledConnectionReadsAnEmptyStringAfterATransactionLocalSetting() throws SQLException {
        try (Connection c = DB.get().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
            assertThat(setting(c)).as("never set").isNull();
            c.setAutoCommit(false);
            c.createStatement().execute("SELECT set_config('app.current_tenant_id', 'tenant-a', true)");
            c.commit();
            assertThat(setting(c)).as("after the transaction that set it").isEmpty();
        }
    }

    @Test
    void everyTenantTableReadsNothingWithoutAContext() throws SQLException {
        Map<String, Integer> readers = new LinkedHashMap<>();
        for (String table : tables) {
            for (Map.Entry<String, Connector> who : everyone().entrySet()) {
                try (Connection c = who.getValue().connect()) {
                    if (!privilege(c, table, "has_any_column_privilege", "SELECT")) {
                        continue;
                    }
                    readers.merge(table, 1, Integer::sum);
                    assertThat(count(c, table, null)).as(table + " as " + who.getKey() + ", context unset").isZero();
                    assertThat(count(c, table, "")).as(table + " as " + who.getKey() + ", context ''").isZero();
                    assertThat(count(c, table, "tenant-a")).as(table + " as " + who.getKey() + ", control").isPositive();
                }
            }
        }
        assertThat(readers.keySet()).as("every tenant table has a reader besides nobody").containsAll(tables);
    }

    @Test
    void everyTenantTableRefusesEveryWriteWithoutAContext() throws SQLException {
        Map<String, List<String>> writers = new LinkedHashMap<>();
        for (String table : tables) {
            for (Map.Entry<String, Connector> who : everyone().entrySet()) {
                try (Connection c = who.getValue().connect()) {
                    if (!privilege(c, table, "has_table_privilege", "INSERT")) {
                        continue;
                    }
                    writers.computeIfAbsent(table, t -> new ArrayList<>()).add(who.getKey());
                    CanaryRow row = CanaryRow.describe(c, table, MARKER + "-write");
                    for (String context : new String[] {null, ""}) {
                        for (String tenant : new String[] {"tenant-b", ""}) {
                            String what = table + " as " + who.getKey() + ", context " + (context == null ? "unset" : "''")
                                    + ", tenant_id '" + tenant + "'";
                            assertThatThrownBy(() -> write(c, context, row.insertSql(tenant).replace(" ON CONFLICT DO NOTHING", "")))
                                    .as(what).isInstanceOf(SQLException.class)
                                    .satisfiesAnyOf(
                                            e -> assertThat(e).hasMessageContaining("row-level security"),
                                            e -> assertThat(e).hasMessageContaining("check constraint"));
                            if (privilege(c, table, "has_table_privilege", "UPDATE")) {
                                assertThat(touched(c, context, "UPDATE " + CanaryRow.ident(table) + " SET tenant_id = tenant_id"))
                                        .as(what + ": update").isZero();
                            }
                            if (privilege(c, table, "has_table_privilege", "DELETE")) {
                                assertThat(touched(c, context, "DELETE FROM " + CanaryRow.ident(table))).as(what + ": delete").isZero();
                            }
                        }
                    }
                }
            }
        }
        assertThat(writers.keySet()).as("every tenant table has a writer whose refusal was tried").containsAll(tables);
    }

    @FunctionalInterface
    private interface Connector {
        Connection connect() throws SQLException;
    }

    private static Map<String, Connector> everyone() {
        TestDatabase db = DB.get();
        Map<String, Connector> all = new LinkedHashMap<>();
        for (ServiceRole role : ServiceRole.values()) {
            all.put(role.service(), () -> db.connectAs(role));
        }
        all.put("the owner", db::connectAsOwner);
        return all;
    }

    private static boolean privilege(Connection c, String table, String function, String privilege) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            st.setString(1, "public." + CanaryRow.ident(table));
            st.setString(2, privilege);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static int count(Connection c, String table, String context) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            setContext(c, context);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + CanaryRow.ident(table))) {
                rs.next();
                return rs.getInt(1);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Runs one write in a transaction that is always rolled back; returns the rows it touched. */
    private static int write(Connection c, String context, String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            setContext(c, context);
            return st.executeUpdate(sql);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Rows a write touched; 0 as well when the database refused it outright (a trigger, say). */
    private static int touched(Connection c, String context, String sql) {
        try {
            return write(c, context, sql);
        } catch (SQLException refused) {
            return 0;
        }
    }

    private static void setContext(Connection c, String context) throws SQLException {
        if (context != null) {
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
                set.setString(1, context);
                set.execute();
            }
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('app.current_tenant_id', true)")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
