package com.aiagents.platform.worker.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@code ticket_import_state}: one cursor row per tenant. */
public final class ImportStateDao {
    private static final String COLUMNS = "tenant_id, status, next_start_index, pages, imported, skipped, error, "
            + "started_by, started_at, updated_at, finished_at";

    public Optional<ImportState> find(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM ticket_import_state")
                .map((rs, ctx) -> row(rs)).findOne();
    }

    /** {@code tenant}'s import as the transaction's context lets it be seen (another tenant's: none). */
    public Optional<ImportState> find(Handle h, String tenant) {
        return h.createQuery("SELECT " + COLUMNS + " FROM ticket_import_state WHERE tenant_id = :tenant")
                .bind("tenant", tenant).map((rs, ctx) -> row(rs)).findOne();
    }

    /**
     * Marks the import running: a new one starts at index 1, a failed or running one resumes at its
     * cursor, a completed one starts over (new tickets may have been resolved since).
     */
    public ImportState start(Handle h, String startedBy) {
        return h.createQuery("INSERT INTO ticket_import_state (tenant_id, started_by, status) "
                        + "VALUES (current_setting('app.current_tenant_id', true), :by, 'running') "
                        + "ON CONFLICT (tenant_id) DO UPDATE SET status = 'running', error = NULL, started_by = :by, "
                        + "next_start_index = CASE WHEN ticket_import_state.status = 'completed' THEN 1 "
                        + "ELSE ticket_import_state.next_start_index END, "
                        + "pages = CASE WHEN ticket_import_state.status = 'completed' THEN 0 ELSE ticket_import_state.pages END, "
                        + "imported = CASE WHEN ticket_import_state.status = 'completed' THEN 0 ELSE ticket_import_state.imported END, "
                        + "skipped = CASE WHEN ticket_import_state.status = 'completed' THEN 0 ELSE ticket_import_state.skipped END, "
                        + "started_at = CASE WHEN ticket_import_state.status = 'completed' THEN now() "
                        + "ELSE ticket_import_state.started_at END, finished_at = NULL, updated_at = now() "
                        + "RETURNING " + COLUMNS)
                .bind("by", startedBy).map((rs, ctx) -> row(rs)).one();
    }

    /** One page done: the cursor moves past it in the same transaction as the page's rows. */
    public void pageDone(Handle h, int nextStartIndex, int imported, int skipped) {
        h.createUpdate("UPDATE ticket_import_state SET next_start_index = :next, pages = pages + 1, "
                        + "imported = imported + :imported, skipped = skipped + :skipped, updated_at = now()")
                .bind("next", nextStartIndex).bind("imported", imported).bind("skipped", skipped).execute();
    }

    public void finish(Handle h, String status, String error) {
        h.createUpdate("UPDATE ticket_import_state SET status = :status, error = :error, updated_at = now(), "
                        + "finished_at = CASE WHEN :status = 'completed' THEN now() ELSE NULL END")
                .bind("status", status).bind("error", error).execute();
    }

    private static ImportState row(ResultSet rs) throws SQLException {
        return new ImportState(rs.getString("tenant_id"), rs.getString("status"), rs.getInt("next_start_index"),
                rs.getInt("pages"), rs.getInt("imported"), rs.getInt("skipped"), rs.getString("error"),
                rs.getString("started_by"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
