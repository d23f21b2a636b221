package com.aiagents.platform.integration.support;

import com.aiagents.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A non-deterministic stage in the real worker, for gate 2 to catch: the context stage's ranking
 * ({@code similar_ticket_candidates}, V2 migration) is replaced in this test's database by one whose
 * rank changes on every call, as a ranking that broke ties at random would, and the tenant gets a
 * resolved ticket for it to rank. The worker's probe then hashes a different context each run.
 * {@link #close()} puts the migration's function back and removes the ticket.
 */
public final class DriftingRanking implements AutoCloseable {
    private static final String FUNCTION = "similar_ticket_candidates(tsquery, tsquery, integer, integer, text)";
    private static final String TICKET = "DRIFT-1";

    private final TestDatabase database;
    private final String tenantId;
    private final String original;

    private DriftingRanking(TestDatabase database, String tenantId, String original) {
        this.database = database;
        this.tenantId = tenantId;
        this.original = original;
    }

    public static DriftingRanking install(TestDatabase database, String tenantId) throws SQLException {
        try (Connection c = database.connectAsSuperuser(); Statement st = c.createStatement()) {
            String original;
            try (ResultSet rs = st.executeQuery("SELECT pg_get_functiondef('" + FUNCTION + "'::regprocedure)")) {
                rs.next();
                original = rs.getString(1);
            }
            st.execute("CREATE SEQUENCE drifting_rank");
            st.execute("GRANT USAGE ON SEQUENCE drifting_rank TO PUBLIC");
            // same signature and owner (CREATE OR REPLACE keeps both, and the grants); a new rank per call
            st.execute("CREATE OR REPLACE FUNCTION " + FUNCTION.replace("(tsquery, tsquery, integer, integer, text)",
                    "(p_any tsquery, p_strict tsquery, p_strict_limit integer, p_any_limit integer, p_exclude text)")
                    + " RETURNS TABLE (ticket_id text, rank real) LANGUAGE sql VOLATILE SECURITY DEFINER"
                    + " SET search_path = public, pg_temp AS $$"
                    + " SELECT h.ticket_id, CAST(nextval('drifting_rank') AS real) FROM ticket_history h"
                    + " WHERE h.tenant_id = (SELECT current_setting('app.current_tenant_id', true))"
                    + " AND h.ticket_id <> p_exclude $$");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ticket_history (tenant_id, ticket_id, subject,"
                    + " resolution, source) VALUES (?, ?, 'VPN disconnects every few minutes',"
                    + " 'Renewed the VPN gateway certificate', 'seed') ON CONFLICT DO NOTHING")) {
                insert.setString(1, tenantId);
                insert.setString(2, TICKET);
                insert.executeUpdate();
            }
            return new DriftingRanking(database, tenantId, original);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = database.connectAsSuperuser(); Statement st = c.createStatement()) {
            st.execute(original);
            st.execute("DROP SEQUENCE drifting_rank");
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM ticket_history WHERE tenant_id = ? AND ticket_id = ?")) {
                delete.setString(1, tenantId);
                delete.setString(2, TICKET);
                delete.executeUpdate();
            }
        }
    }
}
