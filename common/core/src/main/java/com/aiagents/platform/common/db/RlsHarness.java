package com.aiagents.platform.common.db;

import com.aiagents.platform.api.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Proves, as the connected service role, that tenants cannot see or touch each other's rows:
 * for every table with a {@code tenant_id} column it checks the catalog, writes a canary row for
 * the tenant and for a synthetic second tenant, then checks read, update, delete and
 * insert-as-other in both directions and that no context (unset, or the empty string a pooled
 * connection reads) reads and writes nothing. Every probe runs in a transaction that is rolled
 * back; the canaries are removed at the end. Each role holds only its service's privileges, so a
 * probe the role has no privilege for is not run (the grant refuses more than any policy could),
 * and canaries go only where the role may both insert and delete.
 * Used by gate 1 and by the build's own tests.
 */
public final class RlsHarness {
    private final Connection connection;

    /** {@code connection} must be a service role's (gate 1: gates-runner's); the harness manages its transactions. */
    public RlsHarness(Connection connection) {
        this.connection = connection;
    }

    public RlsReport run(TenantId tenant) throws SQLException {
        TenantId other = TenantId.of("rls-canary-" + UUID.randomUUID().toString().substring(0, 8));
        String marker = "rls-canary-" + UUID.randomUUID();
        List<RlsFinding> findings = new ArrayList<>();
        connection.setAutoCommit(true);
        RlsCatalog.checkRole(connection, findings);
        List<String> tables = RlsCatalog.tenantScopedTables(connection);
        for (String table : tables) {
            RlsCatalog.checkTable(connection, table, findings);
        }
        List<CanaryRow> canaries = new ArrayList<>();
        List<CanaryRow> rows = new ArrayList<>();
        try {
            for (String table : orderedForInsert(tables)) {
                CanaryRow row = CanaryRow.describe(connection, table, marker);
                rows.add(row);
                if (row.privileges.insert() && row.privileges.delete()) {
                    canaries.add(row);
                    writeCanary(row, tenant, findings);
                    writeCanary(row, other, findings);
                }
            }
            for (CanaryRow row : rows) {
                probe(row, tenant, other, marker, findings);
                probe(row, other, tenant, marker, findings);
                probeWithoutContext(row, other, null, findings);
                probeWithoutContext(row, other, "", findings);
            }
        } finally {
            removeCanaries(canaries, List.of(tenant, other), marker);
        }
        return new RlsReport(tables, findings);
    }

    private void writeCanary(CanaryRow row, TenantId tenant, List<RlsFinding> findings) throws SQLException {
        inContext(tenant.value(), st -> st.executeUpdate(row.insertSql(tenant.value())), true, row.table, findings);
    }

    private void probe(CanaryRow row, TenantId as, TenantId victim, String marker, List<RlsFinding> findings)
            throws SQLException {
        String t = CanaryRow.ident(row.table);
        String victimId = CanaryRow.quote(victim.value());
        int seen = !row.privileges.select() ? 0 : inContext(as.value(), st -> count(st, "SELECT count(*) FROM " + t + " WHERE tenant_id <> "
                + CanaryRow.quote(as.value())), false, row.table, findings);
        if (seen > 0) {
            findings.add(new RlsFinding(row.table, "read", "tenant " + as + " read " + seen + " row(s) of other tenants"));
        }
        int updated = !(row.privileges.update() && row.privileges.select()) ? 0 : inContext(as.value(), st -> st.executeUpdate("UPDATE " + t + " SET " + CanaryRow.ident(row.markerColumn)
                + " = " + CanaryRow.ident(row.markerColumn) + " WHERE tenant_id = " + victimId), false, row.table, findings);
        if (updated > 0) {
            findings.add(new RlsFinding(row.table, "update", "tenant " + as + " updated " + updated + " row(s) of " + victim));
        }
        int deleted = !(row.privileges.delete() && row.privileges.select()) ? 0 : inContext(as.value(), st -> st.executeUpdate("DELETE FROM " + t + " WHERE tenant_id = " + victimId),
                false, row.table, findings);
        if (deleted > 0) {
            findings.add(new RlsFinding(row.table, "delete", "tenant " + as + " deleted " + deleted + " row(s) of " + victim));
        }
        String insertAsOther = row.insertSql(victim.value()).replace(CanaryRow.quote(marker),
                CanaryRow.quote(marker + "-foreign"));
        if (row.privileges.insert() && insertSucceeds(as.value(), insertAsOther)) {
            findings.add(new RlsFinding(row.table, "insert", "tenant " + as + " inserted a row for " + victim));
        }
    }

    /** {@code context}: null for none set, "" for the empty setting a pooled connection reads. */
    private void probeWithoutContext(CanaryRow row, TenantId someone, String context, List<RlsFinding> findings)
            throws SQLException {
        String which = context == null ? "without a tenant context" : "with an empty tenant context";
        int seen = !row.privileges.select() ? 0 : inContext(context, st -> count(st, "SELECT count(*) FROM "
                + CanaryRow.ident(row.table)), false, row.table, findings);
        if (seen > 0) {
            findings.add(new RlsFinding(row.table, "no_context_read", which + " " + seen + " row(s) are visible"));
        }
        if (!row.privileges.insert()) {
            return;
        }
        if (insertSucceeds(context, row.insertSql(someone.value()))) {
            findings.add(new RlsFinding(row.table, "no_context_insert", which + " a row could be inserted"));
        }
        if (context != null && insertSucceeds(context, row.insertSql(""))) {
            findings.add(new RlsFinding(row.table, "no_context_insert", which + " a row with an empty tenant_id "
                    + "could be inserted"));
        }
    }

    /** True if the insert went through (it is rolled back either way). */
    private boolean insertSucceeds(String as, String sql) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            setContext(st, as);
            return st.executeUpdate(sql.replace(" ON CONFLICT DO NOTHING", "")) > 0;
        } catch (SQLException refused) {
            return false;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private int inContext(String tenant, SqlWork work, boolean commit, String table, List<RlsFinding> findings)
            throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            setContext(st, tenant);
            int result = work.run(st);
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return result;
        } catch (SQLException e) {
            connection.rollback();
            findings.add(new RlsFinding(table, "probe_error", "could not run a probe: " + e.getSQLState() + " "
                    + e.getMessage()));
            return 0;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void removeCanaries(List<CanaryRow> canaries, List<TenantId> tenants, String marker) throws SQLException {
        for (TenantId tenant : tenants) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                setContext(st, tenant.value());
                for (int i = canaries.size() - 1; i >= 0; i--) {
                    CanaryRow row = canaries.get(i);
                    st.executeUpdate("DELETE FROM " + CanaryRow.ident(row.table) + " WHERE tenant_id = "
                            + CanaryRow.quote(tenant.value()) + " AND " + row.markerPredicate(marker));
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The registry first, so a synthetic tenant exists before rows that might reference it. */
    private static List<String> orderedForInsert(List<String> tables) {
        List<String> ordered = new ArrayList<>(tables);
        if (ordered.remove("tenant_configs")) {
            ordered.add(0, "tenant_configs");
        }
        return ordered;
    }

    private static void setContext(Statement st, String tenant) throws SQLException {
        if (tenant != null) {
            try (PreparedStatement set = st.getConnection().prepareStatement(
                    "SELECT set_config('app.current_tenant_id', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
        }
    }

    private static int count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        int run(Statement statement) throws SQLException;
    }
}
