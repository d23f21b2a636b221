package com.aiagents.platform.worker.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** {@code webhook_reconciliation}: one row per tenant, in the tenant's context. */
public final class ReconciliationStateDao {
    private static final String COLUMNS = "tenant_id, last_outcome, cursor_at, last_pass_at, last_webhook_at, "
            + "first_webhook_at, first_reconciled_at, first_reconciled_ticket, unannounced_since, tickets_found, created_at";

    public Optional<ReconciliationState> find(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM webhook_reconciliation").map((rs, ctx) -> row(rs)).findOne();
    }

    /**
     * {@code tenant}'s row as the transaction's context lets it be seen: a tenant user's request runs
     * in its own tenant's context, so another tenant's row is not found (docs/people-and-access.md).
     */
    public Optional<ReconciliationState> find(Handle h, String tenant) {
        return h.createQuery("SELECT " + COLUMNS + " FROM webhook_reconciliation WHERE tenant_id = :tenant")
                .bind("tenant", tenant).map((rs, ctx) -> row(rs)).findOne();
    }

    /** The tenant's row, made with {@code initialCursor} on its first pass. */
    public ReconciliationState findOrCreate(Handle h, Instant initialCursor) {
        h.createUpdate("INSERT INTO webhook_reconciliation (tenant_id, cursor_at) "
                        + "VALUES (current_setting('app.current_tenant_id', true), :cursor) ON CONFLICT (tenant_id) DO NOTHING")
                .bind("cursor", utc(initialCursor)).execute();
        return find(h).orElseThrow();
    }

    /** What one pass leaves behind; {@code firstReconciled*} only fill a column still empty. */
    public record PassResult(String outcome, Instant cursorAt, Instant passAt, Instant lastWebhookAt,
                             Instant unannouncedSince, int found, Instant firstReconciledAt, String firstReconciledTicket) {
    }

    public void recordPass(Handle h, PassResult r) {
        h.createUpdate("UPDATE webhook_reconciliation SET last_outcome = :outcome, cursor_at = :cursor, "
                        + "last_pass_at = :passAt, last_webhook_at = CAST(:webhook AS timestamptz), "
                        + "first_webhook_at = COALESCE(first_webhook_at, "
                        + "CASE WHEN CAST(:webhook AS timestamptz) > created_at THEN CAST(:webhook AS timestamptz) END), "
                        + "unannounced_since = CAST(:unannounced AS timestamptz), tickets_found = tickets_found + :found, "
                        + "first_reconciled_at = COALESCE(first_reconciled_at, CAST(:firstAt AS timestamptz)), "
                        + "first_reconciled_ticket = COALESCE(first_reconciled_ticket, CAST(:firstTicket AS text)), "
                        + "updated_at = now()")
                .bind("outcome", r.outcome()).bind("cursor", utc(r.cursorAt())).bind("passAt", utc(r.passAt()))
                .bind("webhook", utc(r.lastWebhookAt())).bind("unannounced", utc(r.unannouncedSince()))
                .bind("found", r.found()).bind("firstAt", utc(r.firstReconciledAt()))
                .bind("firstTicket", r.firstReconciledTicket()).execute();
    }

    /** A pass that failed keeps its cursor, so the next one looks at the same requests again. */
    public void recordFailure(Handle h, String outcome, Instant passAt) {
        h.createUpdate("UPDATE webhook_reconciliation SET last_outcome = :outcome, last_pass_at = :passAt, "
                        + "updated_at = now()")
                .bind("outcome", outcome).bind("passAt", utc(passAt)).execute();
    }

    /**
     * When each of {@code ticketIds} last had an enhancement row touched; a ticket absent from the
     * map has none (no job for it ever reached a worker).
     */
    public Map<String, Instant> lastEnhancementActivity(Handle h, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        return h.createQuery("SELECT ticket_id, max(updated_at) AS at FROM enhancement_history "
                        + "WHERE ticket_id = ANY(:ids) GROUP BY ticket_id")
                .bindArray("ids", String.class, List.copyOf(ticketIds))
                .map((rs, ctx) -> Map.entry(rs.getString("ticket_id"), rs.getTimestamp("at").toInstant()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static ReconciliationState row(ResultSet rs) throws SQLException {
        return new ReconciliationState(rs.getString("tenant_id"), rs.getString("last_outcome"),
                instant(rs.getTimestamp("cursor_at")), instant(rs.getTimestamp("last_pass_at")),
                instant(rs.getTimestamp("last_webhook_at")), instant(rs.getTimestamp("first_webhook_at")),
                instant(rs.getTimestamp("first_reconciled_at")), rs.getString("first_reconciled_ticket"),
                instant(rs.getTimestamp("unannounced_since")), rs.getLong("tickets_found"),
                instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
