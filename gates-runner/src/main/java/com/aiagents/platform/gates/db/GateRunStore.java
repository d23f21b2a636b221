package com.aiagents.platform.gates.db;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.gates.api.LatestGateRun;
import com.aiagents.platform.gates.core.GateResult;
import com.aiagents.platform.gates.core.GateRun;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gate_runs}: one row per gate of a run, written in the tenant's context in one transaction
 * so a run is recorded whole or not at all. tenant-service reads the same rows to decide whether a
 * tenant may become active.
 */
public final class GateRunStore {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final TenantDatabase database;
    private final ObjectMapper json;

    public GateRunStore(TenantDatabase database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public void record(GateRun run) {
        database.inTenant(run.tenantId(), handle -> {
            for (GateResult result : run.results()) {
                handle.createUpdate("INSERT INTO gate_runs (run_id, tenant_id, gate, gate_name, passed, summary, "
                                + "details, duration_ms, started_at, finished_at) VALUES (:run, :tenant, :gate, :name, "
                                + ":passed, :summary, CAST(:details AS jsonb), :duration, :started, :finished)")
                        .bind("run", run.runId())
                        .bind("tenant", run.tenantId().value())
                        .bind("gate", result.gate())
                        .bind("name", result.name())
                        .bind("passed", result.passed())
                        .bind("summary", result.summary())
                        .bind("details", toJson(result.details()))
                        .bind("duration", (int) Math.min(Integer.MAX_VALUE, result.durationMs()))
                        .bind("started", Timestamp.from(result.startedAt()))
                        .bind("finished", Timestamp.from(result.finishedAt()))
                        .execute();
            }
            return null;
        });
    }

    /**
     * A recorded run by its id alone, as {@code caller} may see it: staff find its tenant through
     * {@code gate_run_tenant}; a tenant user (or an impersonating admin) looks in its own tenant's
     * context only, where row-level security hides another tenant's run (so: empty, 404).
     */
    public Optional<GateRun> find(PlatformPrincipal caller, String runId) {
        Optional<String> tenant = caller.tenantScope().map(TenantId::value).or(() -> database.withoutTenant(handle -> handle
                .createQuery("SELECT gate_run_tenant(:run)")
                .bind("run", runId)
                .mapTo(String.class)
                .findOne()));
        if (tenant.isEmpty() || !TenantId.isValid(tenant.get())) {
            return Optional.empty();
        }
        TenantId tenantId = TenantId.of(tenant.get());
        List<GateResult> results = database.inTenantFor(caller, tenantId, handle -> handle
                .createQuery(SELECT + "WHERE run_id = :run ORDER BY gate")
                .bind("run", runId)
                .map((rs, ctx) -> result(rs))
                .list());
        return results.isEmpty() ? Optional.empty() : Optional.of(new GateRun(runId, tenantId, results));
    }

    /**
     * The tenant's latest {@code limit} runs, newest first, as {@code caller} may see them: empty when
     * a tenant user asks about another tenant (its registry record is not visible under RLS).
     */
    public Optional<List<GateRun>> recent(PlatformPrincipal caller, TenantId tenant, int limit) {
        return database.inVisibleTenantFor(caller, tenant, handle -> {
            Map<String, List<GateResult>> runs = new LinkedHashMap<>();
            handle.createQuery("WITH latest AS (SELECT run_id, max(finished_at) AS finished FROM gate_runs "
                            + "WHERE tenant_id = :tenant GROUP BY run_id ORDER BY finished DESC LIMIT :limit) "
                            + "SELECT g.run_id, g.gate, g.gate_name, g.passed, g.summary, g.details::text, g.duration_ms, "
                            + "g.started_at, g.finished_at FROM gate_runs g JOIN latest l ON l.run_id = g.run_id "
                            + "WHERE g.tenant_id = :tenant ORDER BY l.finished DESC, g.run_id, g.gate")
                    .bind("tenant", tenant.value())
                    .bind("limit", limit)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), result(rs)))
                    .forEach(e -> runs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            List<GateRun> result = new ArrayList<>();
            runs.forEach((id, gates) -> result.add(new GateRun(id, tenant, gates)));
            return result;
        });
    }

    /**
     * Each tenant's latest run in brief (null for a tenant without one), in the order given: one
     * transaction for all of them, each tenant read in its own context under row-level security
     * ({@link TenantDatabase#inEachTenant}), through the {@code (tenant_id, finished_at)} index.
     */
    public Map<TenantId, LatestGateRun> latest(List<TenantId> tenants) {
        return database.inEachTenant(tenants, (tenant, handle) -> handle.createQuery(
                        "WITH last AS (SELECT run_id FROM gate_runs WHERE tenant_id = :tenant "
                                + "ORDER BY finished_at DESC, run_id LIMIT 1) "
                                + "SELECT g.run_id, bool_and(g.passed), count(*), array_agg(g.gate ORDER BY g.gate), "
                                + "coalesce(array_agg(g.gate ORDER BY g.gate) FILTER (WHERE NOT g.passed), '{}'), "
                                + "min(g.started_at), max(g.finished_at) "
                                + "FROM gate_runs g JOIN last l ON l.run_id = g.run_id WHERE g.tenant_id = :tenant "
                                + "GROUP BY g.run_id")
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> new LatestGateRun(rs.getString(1), rs.getBoolean(2),
                        rs.getBoolean(2) && rs.getLong(3) == 4, ints(rs.getArray(4)), ints(rs.getArray(5)),
                        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
                .findOne()
                .orElse(null));
    }

    private static List<Integer> ints(java.sql.Array array) throws SQLException {
        List<Integer> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add(((Number) value).intValue());
        }
        return values;
    }

    private static final String SELECT = "SELECT run_id, gate, gate_name, passed, summary, details::text, duration_ms, "
            + "started_at, finished_at FROM gate_runs ";

    private GateResult result(ResultSet rs) throws SQLException {
        return new GateResult(rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), fromJson(rs.getString(6)),
                rs.getLong(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("gate details are not serializable", e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
