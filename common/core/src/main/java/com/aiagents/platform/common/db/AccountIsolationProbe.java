package com.aiagents.platform.common.db;

import com.aiagents.platform.api.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Gate 1's cross-account probe (ServiceDesk Plus MSP): within one tenant, rows of customer account
 * B must be invisible and untouchable while a transaction is kept to account A
 * ({@link AccountScope}), in every tenant table with an {@code account} column (found from the
 * catalog) and through the similar-ticket search function the worker ranks candidates with. Each
 * table gets two canary rows, one per synthetic account, in a transaction that is rolled back,
 * and account A must still see its own row, so a scope that hides everything cannot pass.
 */
final class AccountIsolationProbe {
    static final String ACCOUNT_A = "rls-account-a";
    static final String ACCOUNT_B = "rls-account-b";
    /** A word no real ticket holds, so the search function's answer is the canaries' alone. */
    private static final String SEARCH_WORD = "rlsaccountcanary";

    private final Connection connection;

    AccountIsolationProbe(Connection connection) {
        this.connection = connection;
    }

    /** Tenant tables that carry an account: each must keep to the transaction's account. */
    static List<String> accountTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute t ON t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'account' AND NOT a.attisdropped "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    void probe(CanaryRow row, TenantId tenant, String marker, List<RlsFinding> findings) throws SQLException {
        if (!(row.privileges.select() && row.privileges.insert() && row.privileges.update())) {
            return;
        }
        String t = CanaryRow.ident(row.table);
        String markerA = marker + "-acct-a";
        String markerB = marker + "-acct-b";
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            RlsHarness.setContext(st, tenant);
            for (String[] canary : new String[][] {{markerA, ACCOUNT_A}, {markerB, ACCOUNT_B}}) {
                st.executeUpdate(row.insertSql(tenant.value()).replace(CanaryRow.quote(marker), CanaryRow.quote(canary[0])));
                st.executeUpdate("UPDATE " + t + " SET account = " + CanaryRow.quote(canary[1]) + " WHERE "
                        + row.markerPredicate(canary[0]));
            }
            if (row.table.equals("ticket_history")) {
                st.executeUpdate("UPDATE ticket_history SET subject = " + CanaryRow.quote(SEARCH_WORD)
                        + ", resolution = " + CanaryRow.quote(SEARCH_WORD) + " WHERE ticket_id IN ("
                        + CanaryRow.quote(markerA) + ", " + CanaryRow.quote(markerB) + ")");
            }
            restrict(st, ACCOUNT_A);
            int own = count(st, "SELECT count(*) FROM " + t + " WHERE " + row.markerPredicate(markerA));
            if (own == 0) {
                findings.add(new RlsFinding(row.table, "account_own_read", "a transaction kept to one account cannot "
                        + "read that account's own row: the cross-account probe would prove nothing"));
            }
            int seen = count(st, "SELECT count(*) FROM " + t + " WHERE account IS DISTINCT FROM "
                    + CanaryRow.quote(ACCOUNT_A));
            if (seen > 0) {
                findings.add(new RlsFinding(row.table, "account_read", "a transaction kept to one account read "
                        + seen + " row(s) of other accounts"));
            }
            if (row.table.equals("ticket_history")) {
                probeSearchFunction(st, markerA, markerB, findings);
            }
            if (updatesOtherAccount(st, "UPDATE " + t + " SET account = account WHERE " + row.markerPredicate(markerB))) {
                findings.add(new RlsFinding(row.table, "account_update", "a transaction kept to one account updated "
                        + "a row of another account"));
            }
        } catch (SQLException e) {
            findings.add(new RlsFinding(row.table, "probe_error", "could not run the cross-account probe: "
                    + e.getSQLState() + " " + e.getMessage()));
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** The search function runs as its owner: it must keep to the account in its own query. */
    private static void probeSearchFunction(Statement st, String markerA, String markerB, List<RlsFinding> findings)
            throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT ticket_id FROM similar_ticket_candidates(to_tsquery('english', "
                + CanaryRow.quote(SEARCH_WORD) + "), to_tsquery('english', " + CanaryRow.quote(SEARCH_WORD)
                + "), 10, 10, '')")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        if (found.contains(markerB)) {
            findings.add(new RlsFinding("ticket_history", "account_search", "similar_ticket_candidates kept to one "
                    + "account returned another account's ticket"));
        }
        if (!found.contains(markerA)) {
            findings.add(new RlsFinding("ticket_history", "account_search_own", "similar_ticket_candidates kept to "
                    + "one account did not find that account's own ticket: the probe would prove nothing"));
        }
    }

    /** Whether the update changed a row; refused by a policy (or finding none) is no leak. */
    private static boolean updatesOtherAccount(Statement st, String sql) throws SQLException {
        Connection c = st.getConnection();
        java.sql.Savepoint before = c.setSavepoint();
        try {
            return st.executeUpdate(sql) > 0;
        } catch (SQLException refused) {
            c.rollback(before);
            return false;
        }
    }

    private static void restrict(Statement st, String account) throws SQLException {
        try (PreparedStatement set = st.getConnection().prepareStatement(
                "SELECT set_config('" + AccountScope.SETTING + "', ?, true)")) {
            set.setString(1, account);
            set.execute();
        }
    }

    private static int count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
