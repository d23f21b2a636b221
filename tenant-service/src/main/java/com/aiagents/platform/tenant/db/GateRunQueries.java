package com.aiagents.platform.tenant.db;

import com.aiagents.platform.api.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads {@code gate_runs} (written by gates-runner) to decide whether a tenant may go live. */
public final class GateRunQueries {

    /**
     * The id of the tenant's most recent gate run if all four gates passed in it and it finished
     * within {@code maxAge}; empty otherwise (a later failing run revokes an earlier pass).
     */
    public Optional<String> latestPassingRun(Handle handle, TenantId tenantId, Duration maxAge) {
        return handle.createQuery("WITH latest AS (SELECT run_id FROM gate_runs WHERE tenant_id = :id "
                        + "ORDER BY finished_at DESC, id DESC LIMIT 1) "
                        + "SELECT g.run_id FROM gate_runs g JOIN latest l ON l.run_id = g.run_id "
                        + "WHERE g.tenant_id = :id GROUP BY g.run_id "
                        + "HAVING count(DISTINCT g.gate) = 4 AND bool_and(g.passed) "
                        + "AND max(g.finished_at) > now() - make_interval(secs => :maxAgeSeconds)")
                .bind("id", tenantId.value())
                .bind("maxAgeSeconds", (double) maxAge.toSeconds())
                .mapTo(String.class)
                .findOne();
    }
}
