package com.aiagents.platform.worker.db;

import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes to {@code ticket_history} (import, processed tickets). Reads live in the context package. */
public final class TicketHistoryDao {
    private static final String SAME_TEXT =
            "ticket_history.subject = excluded.subject AND ticket_history.description = excluded.description";

    /** Inserts or refreshes tickets; a processed ticket never erases an imported resolution. */
    public int upsert(Handle h, List<TicketRecord> tickets) {
        if (tickets.isEmpty()) {
            return 0;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO ticket_history (tenant_id, ticket_id, subject, description, "
                + "resolution, category, priority, status, source, resolved_at, account) VALUES "
                + "(current_setting('app.current_tenant_id', true), :ticket, :subject, :description, :resolution, "
                + ":category, :priority, :status, :source, :resolvedAt, :account) "
                + "ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET subject = excluded.subject, "
                + "description = excluded.description, resolution = coalesce(excluded.resolution, ticket_history.resolution), "
                + "category = coalesce(excluded.category, ticket_history.category), "
                + "priority = coalesce(excluded.priority, ticket_history.priority), "
                + "status = coalesce(excluded.status, ticket_history.status), "
                + "source = CASE WHEN excluded.resolution IS NULL THEN ticket_history.source ELSE excluded.source END, "
                + "resolved_at = coalesce(excluded.resolved_at, ticket_history.resolved_at), "
                + "account = coalesce(excluded.account, ticket_history.account), updated_at = now(), "
                // the embedding is of subject and description: new text, no vector until it is
                // embedded again; same text, the vector stays and embedded_at moves, so cached
                // matrices re-read whether the ticket is resolved now (EmbeddingDao.changedSince)
                + "embedding = CASE WHEN " + SAME_TEXT + " THEN ticket_history.embedding END, "
                + "embedded_at = CASE WHEN " + SAME_TEXT + " AND ticket_history.embedding IS NOT NULL THEN now() END");
        for (TicketRecord t : tickets) {
            batch.bind("ticket", t.ticketId()).bind("subject", t.subject() == null ? "" : t.subject())
                    .bind("description", t.description() == null ? "" : t.description())
                    .bind("resolution", t.resolution()).bind("category", t.category())
                    .bind("priority", t.priority()).bind("status", t.status()).bind("source", t.source())
                    .bind("resolvedAt", t.resolvedAt() == null ? null : Timestamp.from(t.resolvedAt()))
                    .bind("account", t.account())
                    .add();
        }
        int total = 0;
        for (int n : batch.execute()) {
            total += n;
        }
        return total;
    }
}
