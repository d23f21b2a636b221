package com.aiagents.platform.tenant.db;

import com.aiagents.platform.api.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads {@code gate_runs} to decide whether a tenant may go live. Only rows the database says
 * gates-runner's role recorded count ({@code recorded_by}, set by a trigger to the inserting role,
 * against {@code platform_roles}), and their age is the database's: the same trigger sets
 * {@code finished_at} to the inserting transaction's time, and ages are measured with {@code now()}.
 */
public final class GateRunQueries {
    /** One run per row: how many gates it recorded, whether all passed, when it ended. */
    private static final String RUNS = "runs AS (SELECT run_id, count(DISTINCT gate) AS gates, "
            + "bool_and(passed) AS passed, max(finished_at) AS finished_at, max(id) AS last_id "
            + "FROM gate_runs WHERE tenant_id = :id AND recorded_by = "
            + "(SELECT role_name FROM platform_roles WHERE service = 'gates-runner') GROUP BY run_id)";

    /** A run in which all four gates passed, and how long ago it finished (by the database's clock). */
    public record PassingRun(String runId, long ageSeconds) {
    }

    /**
     * The tenant's most recent gate run if all four gates passed in it and it finished within
     * {@code maxAge}; empty otherwise (a later failing or partial run revokes an earlier pass).
     */
    public Optional<PassingRun> latestPassingRun(Handle handle, TenantId tenantId, Duration maxAge) {
        return handle.createQuery("WITH " + RUNS + " "
                        + "SELECT run_id, " + ageSeconds() + " FROM runs "
                        + "WHERE run_id = (SELECT run_id FROM runs ORDER BY finished_at DESC, last_id DESC LIMIT 1) "
                        + "AND gates = 4 AND passed AND finished_at > now() - make_interval(secs => :maxAgeSeconds)")
                .bind("id", tenantId.value())
                .bind("maxAgeSeconds", (double) maxAge.toSeconds())
                .map((rs, ctx) -> new PassingRun(rs.getString(1), rs.getLong(2)))
                .findOne();
    }

    /**
     * The tenant's most recent full (four-gate) run, whatever its age, if all four passed in it and
     * no run recorded after it has a failing gate; empty otherwise. A later partial run that passed
     * does not revoke it: it re-proved part of what the full run proved.
     */
    public Optional<PassingRun> lastFullPassingRun(Handle handle, TenantId tenantId) {
        return handle.createQuery("WITH " + RUNS + ", "
                        + "last_full AS (SELECT * FROM runs WHERE gates = 4 ORDER BY finished_at DESC, last_id DESC LIMIT 1) "
                        + "SELECT run_id, " + ageSeconds() + " FROM last_full f WHERE passed "
                        + "AND NOT EXISTS (SELECT 1 FROM runs r WHERE NOT r.passed "
                        + "AND (r.finished_at, r.last_id) > (f.finished_at, f.last_id))")
                .bind("id", tenantId.value())
                .map((rs, ctx) -> new PassingRun(rs.getString(1), rs.getLong(2)))
                .findOne();
    }

    private static String ageSeconds() {
        return "floor(extract(epoch FROM now() - finished_at))::bigint";
    }
}
