package com.aiagents.platform.worker.context;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Takes a {@link ContextSnapshot} of a tenant's ticket history, KB and inventory in the tenant's
 * context: the counts, a fingerprint over every row's content (in key order, so
 * it does not depend on storage order), and up to {@code CANDIDATES} resolved tickets in an order
 * the seed fixes.
 */
public final class ContextSnapshots {
    static final int CANDIDATES = 10;
    private static final String SEP = "chr(31)";

    private final TenantDatabase database;

    public ContextSnapshots(TenantDatabase database) {
        this.database = database;
    }

    /**
     * Runs {@code work} in one REPEATABLE READ transaction in the tenant's context: every statement
     * sees the same data, so writes committed meanwhile (an import still going on in the
     * background) do not reach the runs, and each run hashes the same snapshot.
     */
    public <R> R consistently(TenantId tenant, TenantDatabase.Work<R> work) {
        return database.inTenantSnapshot(tenant, work);
    }

    public ContextSnapshot take(Handle h, TenantId tenant, long seed) {
        ContextSnapshot counts = h.createQuery("SELECT "
                        + "(SELECT count(*) FROM ticket_history WHERE tenant_id = :t), "
                        + "(SELECT count(*) FROM ticket_history WHERE tenant_id = :t AND coalesce(resolution, '') <> ''), "
                        + "(SELECT count(*) FROM kb_articles WHERE tenant_id = :t), "
                        + "(SELECT count(*) FROM system_inventory WHERE tenant_id = :t), "
                        + "encode(sha256(convert_to(concat_ws('|', "
                        + "coalesce((SELECT string_agg(md5(concat_ws(" + SEP + ", ticket_id, subject, description, "
                        + "coalesce(resolution, ''), coalesce(category, ''), coalesce(priority, ''), "
                        + "coalesce(status, ''))), ',' ORDER BY ticket_id) FROM ticket_history WHERE tenant_id = :t), ''), "
                        + "coalesce((SELECT string_agg(md5(concat_ws(" + SEP + ", article_id, title, content, "
                        + "array_to_string(tags, ','))), ',' ORDER BY article_id) FROM kb_articles "
                        + "WHERE tenant_id = :t), ''), "
                        + "coalesce((SELECT string_agg(md5(concat_ws(" + SEP + ", asset_id, hostname, "
                        + "coalesce(host(ip_address), ''), array_to_string(services, ','), coalesce(kind, ''), "
                        + "coalesce(environment, ''), coalesce(status, ''), coalesce(owner, ''), details::text)), ',' "
                        + "ORDER BY asset_id) FROM system_inventory WHERE tenant_id = :t), '')), 'UTF8')), 'hex')")
                .bind("t", tenant.value())
                .map((rs, ctx) -> new ContextSnapshot(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), List.of()))
                .one();
        return new ContextSnapshot(counts.ticketHistory(), counts.resolvedTickets(), counts.kbArticles(),
                counts.inventory(), counts.fingerprint(), candidates(h, tenant, seed));
    }

    private static List<TicketText> candidates(Handle h, TenantId tenant, long seed) {
        return h.createQuery("SELECT ticket_id, subject, description, priority, status FROM ticket_history "
                        + "WHERE tenant_id = :t AND coalesce(resolution, '') <> '' "
                        + "ORDER BY md5(ticket_id || ':' || :seed), ticket_id LIMIT " + CANDIDATES)
                .bind("t", tenant.value())
                .bind("seed", Long.toString(seed))
                .map((rs, ctx) -> new TicketText(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }
}
