package com.aiagents.platform.provisioning.db;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.provisioning.core.Onboarding;
import com.aiagents.platform.provisioning.core.Onboarding.WebhookInfo;
import com.aiagents.platform.provisioning.core.OnboardingStatus;
import com.aiagents.platform.provisioning.core.Step;
import com.aiagents.platform.provisioning.core.StepRecord;
import com.aiagents.platform.provisioning.core.StepStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The {@code onboardings} and {@code onboarding_steps} tables (V3). Platform-level records, not
 * tenant data (see the migration), so they are reached with {@link TenantDatabase#withoutTenant}.
 * A run holds a lease ({@code lease_owner}, {@code lease_expires_at}) that it renews while it
 * works; a run whose lease ran out was interrupted (its process died) and becomes resumable.
 *
 * <p>Fencing: each claim (and each expiry) increments {@code fence}; a run knows the token it was
 * claimed with, and every step or status write it makes locks the onboarding row and checks the
 * token and a working status in the same transaction ({@link LeaseLostException} otherwise), so a
 * runner that lost its lease (a GC pause, a partition) cannot write over its successor.
 */
public final class OnboardingStore {
    static final String INTERRUPTED = "interrupted: provisioning-service stopped while this step ran (outcome"
            + " unknown; resuming asks the peer). POST the same request again to resume, or DELETE to roll back";
    static final String ROLLBACK_INTERRUPTED = "interrupted: provisioning-service stopped while this compensation"
            + " ran; DELETE again to finish the rollback";
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "onboarding_id, target_tenant_id, tier, idempotency_key, status, requested_by,"
            + " tenant_created, webhook_url, webhook_mode, webhook_header, created_at, updated_at, finished_at, fence";

    private final TenantDatabase database;

    public OnboardingStore(TenantDatabase database) {
        this.database = database;
    }

    /**
     * Records a new running onboarding, leased to {@code owner}, with its forward steps pending.
     *
     * @return empty when another onboarding already has this idempotency key
     * @throws TenantHasLiveOnboardingException when the tenant id has an onboarding that is not rolled back
     */
    public Optional<Onboarding> insert(UUID id, TenantId tenantId, Tier tier, String idempotencyKey, String requestedBy,
                                       String owner, Duration lease) {
        try {
            return insertRow(id, tenantId, tier, idempotencyKey, requestedBy, owner, lease);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new TenantHasLiveOnboardingException(findLive(tenantId).map(Onboarding::id).orElse(null));
            }
            throw e;
        }
    }

    private Optional<Onboarding> insertRow(UUID id, TenantId tenantId, Tier tier, String idempotencyKey,
                                           String requestedBy, String owner, Duration lease) {
        return database.withoutTenant(handle -> {
            int inserted = handle.createUpdate("INSERT INTO onboardings (onboarding_id, target_tenant_id, tier,"
                            + " idempotency_key, status, requested_by, lease_owner, lease_expires_at, fence)"
                            + " VALUES (:id, :tenant, :tier, :key, 'running', :by, :owner, " + leaseEnd() + ", 1)"
                            + " ON CONFLICT (idempotency_key) DO NOTHING")
                    .bind("id", id).bind("tenant", tenantId.value()).bind("tier", tier.wireName())
                    .bind("key", idempotencyKey).bind("by", requestedBy).bind("owner", owner)
                    .bind("lease", seconds(lease))
                    .execute();
            if (inserted == 0) {
                return Optional.empty();
            }
            for (Step step : Step.FORWARD) {
                handle.createUpdate("INSERT INTO onboarding_steps (onboarding_id, ordinal, name, status)"
                                + " VALUES (:id, :ordinal, :name, 'pending')")
                        .bind("id", id).bind("ordinal", step.ordinal()).bind("name", step.wireName())
                        .execute();
            }
            return find(handle, id);
        });
    }

    public Optional<Onboarding> find(UUID id) {
        return database.withoutTenant(handle -> find(handle, id));
    }

    public Optional<Onboarding> findByIdempotencyKey(String key) {
        return database.withoutTenant(handle -> handle.createQuery("SELECT onboarding_id FROM onboardings"
                        + " WHERE idempotency_key = :key")
                .bind("key", key)
                .mapTo(UUID.class)
                .findOne()
                .flatMap(id -> find(handle, id)));
    }

    /** The tenant id's onboarding that is not rolled back, if any (there is at most one). */
    public Optional<Onboarding> findLive(TenantId tenantId) {
        return database.withoutTenant(handle -> handle.createQuery("SELECT onboarding_id FROM onboardings"
                        + " WHERE target_tenant_id = :tenant AND status <> 'rolled_back'")
                .bind("tenant", tenantId.value())
                .mapTo(UUID.class)
                .findOne()
                .flatMap(id -> find(handle, id)));
    }

    /** Newest first, optionally only one status or one tenant. */
    public List<Onboarding> list(OnboardingStatus status, TenantId tenantId, int limit, int offset) {
        return database.withoutTenant(handle -> {
            List<Onboarding> rows = handle.createQuery("SELECT " + COLUMNS + " FROM onboardings"
                            + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                            + " AND (CAST(:tenant AS text) IS NULL OR target_tenant_id = :tenant)"
                            + " ORDER BY created_at DESC, onboarding_id LIMIT :limit OFFSET :offset")
                    .bind("status", status == null ? null : status.wireName())
                    .bind("tenant", tenantId == null ? null : tenantId.value())
                    .bind("limit", limit).bind("offset", offset)
                    .map((rs, ctx) -> row(rs, List.of()))
                    .list();
            Map<UUID, List<StepRecord>> steps = steps(handle, rows.stream().map(Onboarding::id).toList());
            return rows.stream().map(o -> withSteps(o, steps.getOrDefault(o.id(), List.of()))).toList();
        });
    }

    /** How many onboardings are in each status (statuses with none are absent); one grouped count. */
    public Map<OnboardingStatus, Long> countByStatus() {
        return database.withoutTenant(handle -> {
            Map<OnboardingStatus, Long> counts = new java.util.EnumMap<>(OnboardingStatus.class);
            handle.createQuery("SELECT status, count(*) AS n FROM onboardings GROUP BY status")
                    .map((rs, ctx) -> counts.put(OnboardingStatus.fromWire(rs.getString("status")), rs.getLong("n")))
                    .list();
            return counts;
        });
    }

    /**
     * Takes the onboarding for a run by {@code owner} if it is in one of {@code from}: sets it to
     * {@code to} ({@code running} or {@code rolling_back}) with a fresh lease and a new fencing token.
     *
     * @return the run's fencing token; empty when someone else holds it or it is in another state
     */
    public OptionalLong claim(UUID id, Set<OnboardingStatus> from, OnboardingStatus to, String owner, Duration lease) {
        return database.withoutTenant(handle -> handle.createQuery("UPDATE onboardings SET status = :to,"
                        + " fence = fence + 1, lease_owner = :owner, lease_expires_at = " + leaseEnd() + ","
                        + " finished_at = NULL, updated_at = now() WHERE onboarding_id = :id AND status = ANY(:from)"
                        + " RETURNING fence")
                .bind("id", id).bind("owner", owner).bind("lease", seconds(lease)).bind("to", to.wireName())
                .bind("from", from.stream().map(OnboardingStatus::wireName).toArray(String[]::new))
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /**
     * Extends the leases {@code owner} holds, each only while its fencing token is still current.
     *
     * @return the onboardings whose lease was extended; the others are lost to their runs
     */
    public Set<UUID> renewLeases(String owner, Map<UUID, Long> fences, Duration lease) {
        if (fences.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = new ArrayList<>(fences.keySet());
        Long[] tokens = ids.stream().map(fences::get).toArray(Long[]::new);
        return database.withoutTenant(handle -> Set.copyOf(handle.createQuery("UPDATE onboardings o"
                        + " SET lease_expires_at = " + leaseEnd()
                        + " FROM unnest(CAST(:ids AS uuid[]), CAST(:fences AS bigint[])) AS r(id, fence)"
                        + " WHERE o.onboarding_id = r.id AND o.fence = r.fence AND o.lease_owner = :owner"
                        + " AND o.status IN ('running', 'rolling_back') RETURNING o.onboarding_id")
                .bind("owner", owner).bind("lease", seconds(lease))
                .bind("ids", ids.toArray(UUID[]::new)).bind("fences", tokens)
                .mapTo(UUID.class)
                .list()));
    }

    /**
     * Turns runs whose lease ran out (their process died, stopped or lost the database) into
     * resumable ones: a forward run becomes {@code failed}, a rollback {@code rollback_failed}
     * (only DELETE goes on from there), with the step that was running marked interrupted. The
     * fencing token moves on, so the old runner, should it wake up, can no longer write.
     *
     * @return how many runs were found interrupted
     */
    public int expireLeases() {
        return releaseWhere("lease_expires_at < now()", null);
    }

    /**
     * At start-up with a stable instance id: the runs an earlier process of this same instance
     * held are released at once, as {@link #expireLeases} would after the lease (that process is
     * dead: only one process runs as a given instance at a time).
     *
     * @return how many runs were released
     */
    public int releaseInstance(String instancePrefix) {
        return releaseWhere("starts_with(lease_owner, :prefix)", instancePrefix);
    }

    private int releaseWhere(String condition, String prefix) {
        return database.withoutTenant(handle -> {
            var update = handle.createQuery("UPDATE onboardings SET fence = fence + 1,"
                            + " status = CASE status WHEN 'rolling_back' THEN 'rollback_failed' ELSE 'failed' END,"
                            + " lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()"
                            + " WHERE status IN ('running', 'rolling_back') AND " + condition
                            + " RETURNING onboarding_id");
            if (prefix != null) {
                update.bind("prefix", prefix);
            }
            List<UUID> stale = update.mapTo(UUID.class).list();
            interruptRunningSteps(handle, stale);
            return stale.size();
        });
    }

    /** Releases a run of this process that stopped without finishing (shutdown), as {@link #expireLeases} would. */
    public void interrupt(UUID id, long fence) {
        database.withoutTenant(handle -> {
            int released = handle.createUpdate("UPDATE onboardings SET fence = fence + 1,"
                            + " status = CASE status WHEN 'rolling_back' THEN 'rollback_failed' ELSE 'failed' END,"
                            + " lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()"
                            + " WHERE onboarding_id = :id AND status IN ('running', 'rolling_back') AND fence = :fence")
                    .bind("id", id).bind("fence", fence)
                    .execute();
            if (released == 1) {
                interruptRunningSteps(handle, List.of(id));
            }
            return released;
        });
    }

    public void stepStarted(UUID id, long fence, Step step) {
        fenced(id, fence, handle -> handle.createUpdate("INSERT INTO onboarding_steps AS s (onboarding_id, ordinal,"
                        + " name, status, attempts, started_at) VALUES (:id, :ordinal, :name, 'running', 1, now())"
                        + " ON CONFLICT (onboarding_id, name) DO UPDATE SET status = 'running',"
                        + " attempts = s.attempts + 1, started_at = now(), duration_ms = NULL, error = NULL, detail = NULL")
                .bind("id", id).bind("ordinal", step.ordinal()).bind("name", step.wireName())
                .execute());
    }

    public void stepFinished(UUID id, long fence, Step step, StepStatus status, long durationMs, String error,
                             String detail) {
        fenced(id, fence, handle -> handle.createUpdate("UPDATE onboarding_steps SET status = :status,"
                        + " duration_ms = :duration, error = :error, detail = :detail"
                        + " WHERE onboarding_id = :id AND name = :name")
                .bind("id", id).bind("name", step.wireName()).bind("status", status.wireName())
                .bind("duration", durationMs).bind("error", error).bind("detail", detail)
                .execute());
    }

    /** Records that this onboarding created the tenant (its rollback removes it) and the webhook's public part. */
    public void markTenantCreated(UUID id, long fence, WebhookInfo webhook) {
        fenced(id, fence, handle -> handle.createUpdate("UPDATE onboardings SET tenant_created = true,"
                        + " webhook_url = COALESCE(:url, webhook_url), webhook_mode = COALESCE(:mode, webhook_mode),"
                        + " webhook_header = COALESCE(:header, webhook_header)"
                        + " WHERE onboarding_id = :id")
                .bind("id", id)
                .bind("url", webhook == null ? null : webhook.url())
                .bind("mode", webhook == null ? null : webhook.mode())
                .bind("header", webhook == null ? null : webhook.signatureHeader())
                .execute());
    }

    /** Ends the run holding {@code fence} with {@code status} and releases the lease. */
    public void finish(UUID id, long fence, OnboardingStatus status) {
        fenced(id, fence, handle -> handle.createUpdate("UPDATE onboardings SET status = :status,"
                        + " lease_owner = NULL, lease_expires_at = NULL, finished_at = now()"
                        + " WHERE onboarding_id = :id")
                .bind("id", id).bind("status", status.wireName())
                .execute());
    }

    /** Forgets an onboarding that created nothing (its request was refused). */
    public void delete(UUID id, long fence) {
        fenced(id, fence, handle -> handle.createUpdate("DELETE FROM onboardings WHERE onboarding_id = :id")
                .bind("id", id)
                .execute());
    }

    /**
     * Runs {@code write} in one transaction with the onboarding row locked, only while
     * {@code fence} is its current token and it is running or rolling back.
     *
     * @throws LeaseLostException otherwise (nothing is written)
     */
    private void fenced(UUID id, long fence, TenantDatabase.Work<Integer> write) {
        database.withoutTenant(handle -> {
            boolean current = handle.createQuery("SELECT 1 FROM onboardings WHERE onboarding_id = :id"
                            + " AND fence = :fence AND status IN ('running', 'rolling_back') FOR UPDATE")
                    .bind("id", id).bind("fence", fence)
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (!current) {
                throw new LeaseLostException(id, fence);
            }
            int written = write.apply(handle);
            handle.createUpdate("UPDATE onboardings SET updated_at = now() WHERE onboarding_id = :id")
                    .bind("id", id)
                    .execute();
            return written;
        });
    }

    private static void interruptRunningSteps(Handle handle, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE onboarding_steps SET status = 'failed',"
                        + " error = CASE WHEN name IN ('delete_kubernetes', 'remove_tenant') THEN :rollback ELSE :error END,"
                        + " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint"
                        + " WHERE status = 'running' AND onboarding_id = ANY(:ids)")
                .bind("error", INTERRUPTED)
                .bind("rollback", ROLLBACK_INTERRUPTED)
                .bind("ids", ids.toArray(UUID[]::new))
                .execute();
    }

    private static Optional<Onboarding> find(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM onboardings WHERE onboarding_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs, List.of()))
                .findOne()
                .map(o -> withSteps(o, steps(handle, List.of(id)).getOrDefault(id, List.of())));
    }

    private static Map<UUID, List<StepRecord>> steps(Handle handle, List<UUID> ids) {
        Map<UUID, List<StepRecord>> steps = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return steps;
        }
        handle.createQuery("SELECT onboarding_id, name, status, attempts, started_at, duration_ms, error, detail"
                        + " FROM onboarding_steps WHERE onboarding_id = ANY(:ids) ORDER BY onboarding_id, ordinal")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((rs, ctx) -> {
                    StepRecord step = new StepRecord(Step.fromWire(rs.getString("name")),
                            StepStatus.fromWire(rs.getString("status")), rs.getInt("attempts"),
                            instant(rs, "started_at"), (Long) rs.getObject("duration_ms"), rs.getString("error"),
                            rs.getString("detail"));
                    steps.computeIfAbsent(rs.getObject("onboarding_id", UUID.class), k -> new ArrayList<>()).add(step);
                    return step;
                })
                .list();
        return steps;
    }

    private static Onboarding row(ResultSet rs, List<StepRecord> steps) throws SQLException {
        String url = rs.getString("webhook_url");
        WebhookInfo webhook = url == null ? null
                : new WebhookInfo(url, rs.getString("webhook_mode"), rs.getString("webhook_header"));
        return new Onboarding(rs.getObject("onboarding_id", UUID.class), TenantId.of(rs.getString("target_tenant_id")),
                Tier.fromWire(rs.getString("tier")), rs.getString("idempotency_key"),
                OnboardingStatus.fromWire(rs.getString("status")), rs.getString("requested_by"),
                rs.getBoolean("tenant_created"), webhook, instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "finished_at"), steps, rs.getLong("fence"));
    }

    private static Onboarding withSteps(Onboarding o, List<StepRecord> steps) {
        return new Onboarding(o.id(), o.tenantId(), o.tier(), o.idempotencyKey(), o.status(), o.requestedBy(),
                o.tenantCreated(), o.webhook(), o.createdAt(), o.updatedAt(), o.finishedAt(), steps, o.fence());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String leaseEnd() {
        return "now() + make_interval(secs => :lease)";
    }

    private static double seconds(Duration lease) {
        return lease.toMillis() / 1000.0;
    }
}
