package com.aiagents.platform.worker.db;

import com.aiagents.platform.worker.api.EnhancementView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads of {@code enhancement_history} with the votes of {@code enhancement_feedback}, for people.
 * Every query names the tenant it asks about; which rows it may see is the transaction's context
 * (row-level security): run for a tenant user in its own tenant's context, another tenant's rows
 * are simply not there.
 */
public final class EnhancementReadDao {
    private static final String SELECT = "SELECT h.id, h.tenant_id, h.ticket_id, h.status, h.attempts, h.created_at, "
            + "h.updated_at, h.note_marker, h.sdp_note_id, h.synthesizer, h.model, h.composed_prompt_sha256, h.error, "
            + "coalesce(f.helpful, 0), coalesce(f.not_helpful, 0), h.note_text FROM enhancement_history h "
            + "LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE v.vote = 'helpful') AS helpful, "
            + "count(*) FILTER (WHERE v.vote = 'not_helpful') AS not_helpful FROM enhancement_feedback v "
            + "WHERE v.tenant_id = h.tenant_id AND v.enhancement_id = h.id) f ON true ";

    /** Where a page ends: the last row's creation time and id (rows are ordered by both, newest first). */
    public record Position(Instant createdAt, long id) {
    }

    /** Up to {@code limit} of the tenant's enhancements older than {@code before} (null: the newest). */
    public List<EnhancementView> page(Handle h, String tenant, Position before, int limit) {
        String where = "WHERE h.tenant_id = :tenant"
                + (before == null ? "" : " AND (h.created_at, h.id) < (:beforeAt, :beforeId)");
        var query = h.createQuery(SELECT + where + " ORDER BY h.created_at DESC, h.id DESC LIMIT :limit")
                .bind("tenant", tenant)
                .bind("limit", limit);
        if (before != null) {
            query.bind("beforeAt", Timestamp.from(before.createdAt())).bind("beforeId", before.id());
        }
        return query.map((rs, ctx) -> view(rs)).list();
    }

    public Optional<EnhancementView> find(Handle h, String tenant, long id) {
        return h.createQuery(SELECT + "WHERE h.tenant_id = :tenant AND h.id = :id")
                .bind("tenant", tenant)
                .bind("id", id)
                .map((rs, ctx) -> view(rs)).findOne();
    }

    private static EnhancementView view(ResultSet rs) throws SQLException {
        String status = rs.getString(4);
        Instant updated = rs.getTimestamp(7).toInstant();
        return new EnhancementView(rs.getLong(1), rs.getString(2), rs.getString(3), status, rs.getInt(5),
                rs.getTimestamp(6).toInstant(), updated, HistoryRow.POSTED.equals(status) ? updated : null,
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(16), new EnhancementView.Feedback(rs.getLong(14), rs.getLong(15)));
    }
}
