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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The {@code onboardings} and {@code onboarding_steps} tables (V3). Platform-level records, not
 * tenant data (see the migration), so they are reached with {@link TenantDatabase#withoutTenant}.
 * A run holds a lease ({@code lease_owner}, {@code lease_expires_at}) that it renews while it
 * works; a run whose lease ran out was interrupted (its process died) and becomes resumable.
 */
public final class OnboardingStore {
    static final String INTERRUPTED = "interrupted: provisioning-service stopped while this step ran;"
            + " POST the same request with the same idempotency_key to resume";

    private static final String COLUMNS = "onboarding_id, target_tenant_id, tier, idempotency_key, status, requested_by,"
            + " tenant_created, webhook_url, webhook_mode, webhook_header, created_at, updated_at, finished_at";

    private final TenantDatabase database;

    public OnboardingStore(TenantDatabase database) {
        this.database = database;
    }

    /**
     * Records a new running onboarding, leased to {@code owner}, with its forward steps pending.
     *
     * @return empty when another onboarding already has this idempotency key
     */
    public Optional<Onboarding> insert(UUID id, TenantId tenantId, Tier tier, String idempotencyKey, String requestedBy,
                                       String owner, Duration lease) {
        return database.withoutTenant(handle -> {
            int inserted = handle.createUpdate("INSERT INTO onboardings (onboarding_id, target_tenant_id, tier,"
                            + " idempotency_key, status, requested_by, lease_owner, lease_expires_at)"
                            + " VALUES (:id, :tenant, :tier, :key, 'running', :by, :owner, " + leaseEnd() + ")"
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

    /**
     * Takes the onboarding for a run by {@code owner} if it is in one of {@code from}: sets it
     * running with a fresh lease. False when someone else holds it or it is in another state.
     */
    public boolean claim(UUID id, Set<OnboardingStatus> from, String owner, Duration lease) {
        return database.withoutTenant(handle -> handle.createUpdate("UPDATE onboardings SET status = 'running',"
                        + " lease_owner = :owner, lease_expires_at = " + leaseEnd() + ", finished_at = NULL,"
                        + " updated_at = now() WHERE onboarding_id = :id AND status = ANY(:from)")
                .bind("id", id).bind("owner", owner).bind("lease", seconds(lease))
                .bind("from", from.stream().map(OnboardingStatus::wireName).toArray(String[]::new))
                .execute() == 1);
    }

    /** Extends the leases {@code owner} holds on {@code ids}. */
    public void renewLeases(String owner, Collection<UUID> ids, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        database.withoutTenant(handle -> handle.createUpdate("UPDATE onboardings SET lease_expires_at = " + leaseEnd()
                        + " WHERE lease_owner = :owner AND status = 'running' AND onboarding_id = ANY(:ids)")
                .bind("owner", owner).bind("lease", seconds(lease))
                .bind("ids", ids.toArray(UUID[]::new))
                .execute());
    }

    /**
     * Turns runs whose lease ran out (their process died or stopped) into failed ones, with the
     * step that was running marked as interrupted, so they can be resumed or rolled back.
     *
     * @return how many runs were found interrupted
     */
    public int expireLeases() {
        return database.withoutTenant(handle -> {
            List<UUID> stale = handle.createQuery("UPDATE onboardings SET status = 'failed', lease_owner = NULL,"
                            + " lease_expires_at = NULL, finished_at = now(), updated_at = now()"
                            + " WHERE status = 'running' AND lease_expires_at < now() RETURNING onboarding_id")
                    .mapTo(UUID.class)
                    .list();
            interruptRunningSteps(handle, stale);
            return stale.size();
        });
    }

    /** Releases a run of this process that stopped without finishing (shutdown): failed, resumable. */
    public void interrupt(UUID id, String owner) {
        database.withoutTenant(handle -> {
            int released = handle.createUpdate("UPDATE onboardings SET status = 'failed', lease_owner = NULL,"
                            + " lease_expires_at = NULL, finished_at = now(), updated_at = now()"
                            + " WHERE onboarding_id = :id AND status = 'running' AND lease_owner = :owner")
                    .bind("id", id).bind("owner", owner)
                    .execute();
            if (released == 1) {
                interruptRunningSteps(handle, List.of(id));
            }
            return released;
        });
    }

    public void stepStarted(UUID id, Step step) {
        database.withoutTenant(handle -> handle.createUpdate("INSERT INTO onboarding_steps AS s (onboarding_id, ordinal,"
                        + " name, status, attempts, started_at) VALUES (:id, :ordinal, :name, 'running', 1, now())"
                        + " ON CONFLICT (onboarding_id, name) DO UPDATE SET status = 'running',"
                        + " attempts = s.attempts + 1, started_at = now(), duration_ms = NULL, error = NULL, detail = NULL")
                .bind("id", id).bind("ordinal", step.ordinal()).bind("name", step.wireName())
                .execute());
        touch(id);
    }

    public void stepFinished(UUID id, Step step, StepStatus status, long durationMs, String error, String detail) {
        database.withoutTenant(handle -> handle.createUpdate("UPDATE onboarding_steps SET status = :status,"
                        + " duration_ms = :duration, error = :error, detail = :detail"
                        + " WHERE onboarding_id = :id AND name = :name")
                .bind("id", id).bind("name", step.wireName()).bind("status", status.wireName())
                .bind("duration", durationMs).bind("error", error).bind("detail", detail)
                .execute());
        touch(id);
    }

    /** Records that this onboarding created the tenant (its rollback removes it) and the webhook's public part. */
    public void markTenantCreated(UUID id, WebhookInfo webhook) {
        database.withoutTenant(handle -> handle.createUpdate("UPDATE onboardings SET tenant_created = true,"
                        + " webhook_url = COALESCE(:url, webhook_url), webhook_mode = COALESCE(:mode, webhook_mode),"
                        + " webhook_header = COALESCE(:header, webhook_header), updated_at = now()"
                        + " WHERE onboarding_id = :id")
                .bind("id", id)
                .bind("url", webhook == null ? null : webhook.url())
                .bind("mode", webhook == null ? null : webhook.mode())
                .bind("header", webhook == null ? null : webhook.signatureHeader())
                .execute());
    }

    /** Ends {@code owner}'s run with {@code status} and releases the lease. */
    public void finish(UUID id, OnboardingStatus status, String owner) {
        database.withoutTenant(handle -> handle.createUpdate("UPDATE onboardings SET status = :status,"
                        + " lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()"
                        + " WHERE onboarding_id = :id AND lease_owner = :owner")
                .bind("id", id).bind("status", status.wireName()).bind("owner", owner)
                .execute());
    }

    /** Forgets an onboarding that created nothing (its request was refused). */
    public void delete(UUID id) {
        database.withoutTenant(handle -> handle.createUpdate("DELETE FROM onboardings WHERE onboarding_id = :id")
                .bind("id", id)
                .execute());
    }

    private void touch(UUID id) {
        database.withoutTenant(handle -> handle.createUpdate("UPDATE onboardings SET updated_at = now()"
                        + " WHERE onboarding_id = :id")
                .bind("id", id)
                .execute());
    }

    private static void interruptRunningSteps(Handle handle, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE onboarding_steps SET status = 'failed', error = :error,"
                        + " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint"
                        + " WHERE status = 'running' AND onboarding_id = ANY(:ids)")
                .bind("error", INTERRUPTED)
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
                instant(rs, "finished_at"), steps);
    }

    private static Onboarding withSteps(Onboarding o, List<StepRecord> steps) {
        return new Onboarding(o.id(), o.tenantId(), o.tier(), o.idempotencyKey(), o.status(), o.requestedBy(),
                o.tenantCreated(), o.webhook(), o.createdAt(), o.updatedAt(), o.finishedAt(), steps);
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
