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
 * Proves, as the connected (runtime) role, that tenants cannot see or touch each other's rows:
 * for every table with a {@code tenant_id} column it checks the catalog, writes a canary row for
 * the tenant and for a synthetic second tenant, checks each tenant sees its own canary (so a
 * policy that hides everything cannot pass), then checks read, update, delete and insert-as-other
 * in both directions and that no context, and an empty one, reads and writes nothing. The
 * tenant-scoped tables the platform is built on must all be there, and every SECURITY DEFINER
 * function is probed across tenants or declared safe ({@link DefinerFunctions}). Within the tenant,
 * every table with an {@code account} column is probed across MSP customer accounts
 * ({@link AccountIsolationProbe}). Every probe runs
 * in a transaction that is rolled back; the canaries are removed at the end. Each role holds only its
 * service's privileges, so a probe the role has no privilege for is not run (the grant refuses more
 * than any policy could), and canaries go only where the role may both insert and delete.
 * Used by gate 1 and by the build's own tests.
 */
public final class RlsHarness {
    /**
     * The tenant-scoped tables the platform cannot work without. The catalog finds the tables, but
     * a harness that finds fewer than these (a table dropped or renamed, a search in the wrong
     * schema, a role that cannot see the catalog) would prove nothing about them.
     */
    public static final List<String> REQUIRED_TABLES = List.of("tenant_configs", "enhancement_history",
            "ticket_history", "system_inventory", "kb_articles", "gate_runs");

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
        for (String required : REQUIRED_TABLES) {
            if (!tables.contains(required)) {
                findings.add(new RlsFinding(required, "missing_table", "required tenant-scoped table " + required
                        + " was not found (no table with a tenant_id column by that name in schema public): its "
                        + "isolation cannot be proven"));
            }
        }
        for (String table : tables) {
            RlsCatalog.checkTable(connection, table, findings);
        }
        List<CanaryRow> rows = new ArrayList<>();
        List<CanaryRow> canaries = new ArrayList<>();
        List<DefinerFunctionResult> functions;
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
                if (canaries.contains(row)) {
                    probeOwnRows(row, tenant, findings);
                    probeOwnRows(row, other, findings);
                }
                probe(row, tenant, other, marker, findings);
                probe(row, other, tenant, marker, findings);
                probeWithoutContext(row, other, findings);
                probeWithEmptyContext(row, other, findings);
            }
            // MSP: within the tenant, one customer account's rows stay out of another's transaction
            List<String> accountTables = AccountIsolationProbe.accountTables(connection);
            AccountIsolationProbe accounts = new AccountIsolationProbe(connection);
            for (CanaryRow row : rows) {
                if (accountTables.contains(row.table)) {
                    accounts.probe(row, tenant, marker, findings);
                }
            }
            functions = new DefinerFunctions(connection).probe(tenant, other, marker, findings);
        } finally {
            removeCanaries(canaries, List.of(tenant, other), marker);
        }
        return new RlsReport(tables, findings, functions);
    }

    private void writeCanary(CanaryRow row, TenantId tenant, List<RlsFinding> findings) throws SQLException {
        inContext(tenant, st -> st.executeUpdate(row.insertSql(tenant.value())), true, row.table, findings);
    }

    /**
     * The positive control: in its own context a tenant sees its canary (or, where the canary met an
     * existing row of that tenant, that row) and can change it. Without this a policy that hides
     * every row, or a role that reaches no row at all, would pass every cross-tenant probe.
     */
    private void probeOwnRows(CanaryRow row, TenantId as, List<RlsFinding> findings) throws SQLException {
        String t = CanaryRow.ident(row.table);
        String own = CanaryRow.quote(as.value());
        int seen = inContext(as, st -> count(st, "SELECT count(*) FROM " + t + " WHERE tenant_id = " + own), false,
                row.table, findings);
        if (seen == 0) {
            findings.add(new RlsFinding(row.table, "own_read", "tenant " + as + " cannot read its own canary row: "
                    + "the cross-tenant probes would pass without proving anything"));
            return;
        }
        int updated = updateRefusedOrCount(as, "UPDATE " + t + " SET " + CanaryRow.ident(row.markerColumn)
                + " = " + CanaryRow.ident(row.markerColumn) + " WHERE tenant_id = " + own);
        // refused outright (no UPDATE grant, or a trigger such as gate_runs' that forbids updates): no leak
        // path to prove; an update that runs yet finds none of the tenant's own rows proves nothing
        if (updated == 0) {
            findings.add(new RlsFinding(row.table, "own_update", "tenant " + as + " cannot update its own rows: "
                    + "the cross-tenant update probe would pass without proving anything"));
        }
    }

    private void probe(CanaryRow row, TenantId as, TenantId victim, String marker, List<RlsFinding> findings)
            throws SQLException {
        String t = CanaryRow.ident(row.table);
        String victimId = CanaryRow.quote(victim.value());
        int seen = !row.privileges.select() ? 0 : inContext(as, st -> count(st, "SELECT count(*) FROM " + t
                + " WHERE tenant_id <> " + CanaryRow.quote(as.value())), false, row.table, findings);
        if (seen > 0) {
            findings.add(new RlsFinding(row.table, "read", "tenant " + as + " read " + seen + " row(s) of other tenants"));
        }
        int updated = !(row.privileges.update() && row.privileges.select()) ? 0 : inContext(as, st -> st.executeUpdate(
                "UPDATE " + t + " SET " + CanaryRow.ident(row.markerColumn) + " = " + CanaryRow.ident(row.markerColumn)
                        + " WHERE tenant_id = " + victimId), false, row.table, findings);
        if (updated > 0) {
            findings.add(new RlsFinding(row.table, "update", "tenant " + as + " updated " + updated + " row(s) of " + victim));
        }
        int deleted = !(row.privileges.delete() && row.privileges.select()) ? 0 : inContext(as,
                st -> st.executeUpdate("DELETE FROM " + t + " WHERE tenant_id = " + victimId), false, row.table, findings);
        if (deleted > 0) {
            findings.add(new RlsFinding(row.table, "delete", "tenant " + as + " deleted " + deleted + " row(s) of " + victim));
        }
        String insertAsOther = row.insertSql(victim.value()).replace(CanaryRow.quote(marker),
                CanaryRow.quote(marker + "-foreign"));
        if (row.privileges.insert() && insertSucceeds(as, insertAsOther)) {
            findings.add(new RlsFinding(row.table, "insert", "tenant " + as + " inserted a row for " + victim));
        }
    }

    private void probeWithoutContext(CanaryRow row, TenantId someone, List<RlsFinding> findings) throws SQLException {
        int seen = !row.privileges.select() ? 0 : inContext(null, st -> count(st, "SELECT count(*) FROM "
                + CanaryRow.ident(row.table)), false, row.table, findings);
        if (seen > 0) {
            findings.add(new RlsFinding(row.table, "no_context_read", "without a tenant context " + seen + " row(s) are visible"));
        }
        if (row.privileges.insert() && insertSucceeds(null, row.insertSql(someone.value()))) {
            findings.add(new RlsFinding(row.table, "no_context_insert", "without a tenant context a row could be inserted"));
        }
    }

    /**
     * A pooled connection after a transaction-local setting reads {@code ''}, not NULL: that context
     * must read nothing and write nothing, neither a row for a tenant nor one with an empty tenant id.
     */
    private void probeWithEmptyContext(CanaryRow row, TenantId someone, List<RlsFinding> findings) throws SQLException {
        int seen = !row.privileges.select() ? 0 : inEmptyContext(st -> count(st, "SELECT count(*) FROM "
                + CanaryRow.ident(row.table)), row.table, findings);
        if (seen > 0) {
            findings.add(new RlsFinding(row.table, "empty_context_read", "with an empty tenant context ('') " + seen
                    + " row(s) are visible"));
        }
        if (!row.privileges.insert()) {
            return;
        }
        if (insertSucceeds(EMPTY, row.insertSql(someone.value()))) {
            findings.add(new RlsFinding(row.table, "empty_context_insert", "with an empty tenant context ('') a row "
                    + "for tenant " + someone + " could be inserted"));
        }
        if (insertSucceeds(EMPTY, row.insertSql(""))) {
            findings.add(new RlsFinding(row.table, "empty_context_insert", "with an empty tenant context ('') a row "
                    + "with an empty tenant_id could be inserted"));
        }
    }

    private int inEmptyContext(SqlWork work, String table, List<RlsFinding> findings) throws SQLException {
        return inContext(EMPTY, work, false, table, findings);
    }

    /** Rows the statement changed (rolled back), or -1 when the database refused it. */
    private int updateRefusedOrCount(TenantId as, String sql) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            setContext(st, as);
            return st.executeUpdate(sql);
        } catch (SQLException refused) {
            return -1;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** True if the insert went through (it is rolled back either way). */
    private boolean insertSucceeds(TenantId as, String sql) throws SQLException {
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

    private int inContext(TenantId tenant, SqlWork work, boolean commit, String table, List<RlsFinding> findings)
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
                setContext(st, tenant);
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

    /** Stands for the empty context {@code ''}, which no {@link TenantId} can hold. */
    private static final TenantId EMPTY = TenantId.of("rls-empty-context");

    /** Sets the context; {@code null} leaves it unset, {@link #EMPTY} sets {@code ''}. */
    static void setContext(Statement st, TenantId tenant) throws SQLException {
        if (tenant != null) {
            setContext(st.getConnection(), tenant == EMPTY ? "" : tenant.value());
        }
    }

    static void setContext(Connection c, String value) throws SQLException {
        try (PreparedStatement set = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
            set.setString(1, value);
            set.execute();
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
