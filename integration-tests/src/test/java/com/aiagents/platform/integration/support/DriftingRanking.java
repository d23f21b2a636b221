package com.aiagents.platform.integration.support;

import com.aiagents.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A non-deterministic stage in the real worker, for gate 2 to catch: the context stage's full-text
 * ranking ({@code similar_ticket_candidates}, V2 migration) is replaced in this test's database by
 * one that answers differently on every retrieval, as a ranking that broke ties at random would,
 * and the tenant gets a resolved ticket for it to rank. The worker's probe then hashes a different
 * context each run, with either retrieval:
 * <ul>
 * <li>full text only: the similar tickets and their ranks are the function's;</li>
 * <li>hybrid (embeddings on, the default): reciprocal rank fusion reads only the full-text
 * candidates' positions, not their ranks, so a drift in the rank values alone would not reach the
 * fused list. The function therefore changes the candidates' order and presence: retrieval n
 * (a counter bumped once per retrieval of this tenant, the any-term query reusing the strict
 * query's turn) returns
 * the tenant's tickets in ascending id order (n % 3 = 0), in descending order (1), or none (2).
 * Three consecutive runs then fuse three different lists as soon as two full-text candidates pass
 * the hybrid cosine bar (the probe's topic has several tickets in every tenant the simulator
 * seeds, and the unembedded ticket added here always passes), so their fused scores, which the
 * context stage's hash covers, differ from run to run.</li>
 * </ul>
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
            // same signature and owner (CREATE OR REPLACE keeps both, and the grants)
            st.execute("CREATE OR REPLACE FUNCTION " + FUNCTION.replace("(tsquery, tsquery, integer, integer, text)",
                    "(p_any tsquery, p_strict tsquery, p_strict_limit integer, p_any_limit integer, p_exclude text)")
                    + " RETURNS TABLE (ticket_id text, rank real) LANGUAGE plpgsql VOLATILE SECURITY DEFINER"
                    + " SET search_path = public, pg_temp AS $$"
                    + " #variable_conflict use_column\n"
                    + " DECLARE turn bigint; BEGIN"
                    // the strict query (p_any_limit 0) comes first in a retrieval; the any-term one reuses its
                    // turn (kept for the transaction; a call of its own, as gate 1's, takes a new one); other
                    // tenants' retrievals (jobs meanwhile) leave the counter alone
                    + "   turn := CASE WHEN current_setting('app.current_tenant_id', true) <> '"
                    + tenantId.replace("'", "''") + "' THEN 0"
                    + "     WHEN p_any_limit = 0 OR coalesce(current_setting('drifting.turn', true), '') = ''"
                    + "     THEN nextval('drifting_rank') ELSE CAST(current_setting('drifting.turn') AS bigint) END;"
                    + "   PERFORM set_config('drifting.turn', CAST(turn AS text), true);"
                    + "   IF turn % 3 = 2 THEN RETURN; END IF;"
                    + "   RETURN QUERY SELECT h.ticket_id, CAST(CASE WHEN turn % 3 = 0"
                    + "       THEN row_number() OVER (ORDER BY h.ticket_id DESC)"
                    + "       ELSE row_number() OVER (ORDER BY h.ticket_id) END + turn AS real)"
                    + "     FROM ticket_history h"
                    + "    WHERE h.tenant_id = (SELECT current_setting('app.current_tenant_id', true))"
                    + "      AND coalesce(h.resolution, '') <> '' AND h.ticket_id <> p_exclude;"
                    + " END $$");
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

    /** How many of the tenant's tickets have an embedding (hybrid retrieval ranks those by meaning too). */
    public static long embeddedTickets(TestDatabase database, String tenantId) throws SQLException {
        try (Connection c = database.connectAsSuperuser(); PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM ticket_history WHERE tenant_id = ? AND embedding IS NOT NULL")) {
            count.setString(1, tenantId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
