package com.aiagents.platform.worker.db;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The database half of the operator console's fleet activity: per tenant, notes posted since a
 * time and the technicians' votes. Read as the worker's own role under row-level security, each
 * tenant in its own context, all tenants of a page in one transaction and one round trip
 * ({@link TenantDatabase#queryEachTenant}): no definer function and no new grant
 * (docs/api/enhancement-worker.md gives the measurement).
 */
public final class FleetActivityDao {
    /**
     * @param notesPosted rows {@code posted} whose last change (the posting) is at or after the
     *                    given time, among those received within a day before it
     * @param helpful     the tenant's enhancements whose current vote is helpful (all time)
     */
    public record Counts(long notesPosted, long helpful, long notHelpful) {
    }

    // The created_at bound lets the (tenant_id, created_at) index narrow the scan to two days of the
    // tenant's rows; a note posted more than a day after its webhook arrived is not counted.
    private static final String COUNTS = "SELECT n.posted, f.helpful, f.not_helpful FROM "
            + "(SELECT count(*) AS posted FROM enhancement_history WHERE tenant_id = ? AND status = 'posted' "
            + "AND updated_at >= ? AND created_at >= CAST(? AS timestamptz) - interval '1 day') n, "
            + "(SELECT count(*) FILTER (WHERE vote = 'helpful') AS helpful, "
            + "count(*) FILTER (WHERE vote = 'not_helpful') AS not_helpful "
            + "FROM enhancement_feedback WHERE tenant_id = ?) f";

    public Map<TenantId, Counts> counts(TenantDatabase database, List<TenantId> tenants, Instant since) {
        Timestamp from = Timestamp.from(since);
        return database.queryEachTenant(tenants, COUNTS, tenant -> List.of(tenant.value(), from, from, tenant.value()),
                rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }
}
