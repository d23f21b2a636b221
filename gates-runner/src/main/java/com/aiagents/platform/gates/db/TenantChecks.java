package com.aiagents.platform.gates.db;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import java.util.List;

/** The tenant-scoped reads gates 3 and 4 make, always inside the tenant's context. */
public final class TenantChecks {
    private final TenantDatabase database;

    public TenantChecks(TenantDatabase database) {
        this.database = database;
    }

    /** The worker's history rows for one ticket, newest first. */
    public List<HistoryRow> historyForTicket(TenantId tenant, String ticketId) {
        return database.inTenant(tenant, handle -> handle.createQuery("SELECT id, job_id, status, sdp_note_id, error "
                        + "FROM enhancement_history WHERE tenant_id = :tenant AND ticket_id = :ticket "
                        + "ORDER BY created_at DESC, id DESC")
                .bind("tenant", tenant.value())
                .bind("ticket", ticketId)
                .map((rs, ctx) -> new HistoryRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list());
    }

    /** Who we are connected as, and whether the tenant's own registry row is visible in its context. */
    public Visibility visibility(TenantId tenant) {
        return database.inTenant(tenant, handle -> handle.createQuery("SELECT current_user, "
                        + "(SELECT count(*) FROM tenant_configs WHERE tenant_id = :tenant), "
                        + "(SELECT count(*) FROM tenant_configs WHERE tenant_id <> :tenant)")
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> new Visibility(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .one());
    }

    public record Visibility(String role, long ownRows, long otherRows) {
    }
}
