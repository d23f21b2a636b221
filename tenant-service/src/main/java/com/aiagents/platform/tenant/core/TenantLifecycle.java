package com.aiagents.platform.tenant.core;

import static com.aiagents.platform.api.TenantStatus.ACTIVE;
import static com.aiagents.platform.api.TenantStatus.CONFIGURED;
import static com.aiagents.platform.api.TenantStatus.OFFBOARDED;
import static com.aiagents.platform.api.TenantStatus.OFFBOARDING;
import static com.aiagents.platform.api.TenantStatus.ONBOARDING;
import static com.aiagents.platform.api.TenantStatus.SUSPENDED;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.OffboardResult;
import com.aiagents.platform.tenant.api.TenantView;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.GateRunQueries;
import com.aiagents.platform.tenant.db.SessionRepository;
import com.aiagents.platform.tenant.db.StoredTenant;
import com.aiagents.platform.tenant.db.TenantLlmRepository;
import com.aiagents.platform.tenant.db.TenantRepository;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A tenant's lifecycle (docs/api/tenant-service.md): onboarding → configured → active; active ⇄ suspended;
 * any → offboarding (a grace period: data kept, webhooks refused, restorable by an admin) → offboarded
 * (erased, a tombstone keeps the id). {@code active} is reachable only when {@code gate_runs} records a run in which
 * all four gates passed ({@link ActivationEvidence}) — read in the same transaction, never taken
 * from the request. Suspending a tenant and starting its offboarding revoke every session of its users in
 * the same transaction (refused here at once, elsewhere through the revoked-sessions feed); they cannot sign
 * in while the tenant is suspended, offboarding or offboarded ({@link SignIn}).
 */
public final class TenantLifecycle {
    /** Offboarding keeps the tenant's gate runs: the record of how it went live. */
    private static final List<String> KEPT_ON_OFFBOARDING = List.of("gate_runs");
    private static final Map<TenantStatus, Set<TenantStatus>> ALLOWED = Map.of(
            ONBOARDING, EnumSet.of(CONFIGURED),
            CONFIGURED, EnumSet.of(ACTIVE),
            ACTIVE, EnumSet.of(SUSPENDED),
            SUSPENDED, EnumSet.of(ACTIVE),
            OFFBOARDING, EnumSet.noneOf(TenantStatus.class),
            OFFBOARDED, EnumSet.noneOf(TenantStatus.class));

    private final TenantDatabase database;
    private final TenantRepository repository;
    private final ActivationEvidence activation;
    private final AuditLog audit;
    private final TenantMapper mapper;
    private final java.time.Duration gracePeriod;
    private final SessionRepository sessions;

    public TenantLifecycle(TenantDatabase database, TenantRepository repository, GateRunQueries gateRuns,
                           AuditLog audit, TenantRegistry registry, RegistrySettings settings,
                           SessionRepository sessions) {
        this.database = database;
        this.repository = repository;
        this.activation = new ActivationEvidence(gateRuns, settings.gateRunMaxAge());
        this.audit = audit;
        this.mapper = registry.mapper();
        this.gracePeriod = settings.offboardingGracePeriod();
        this.sessions = sessions;
    }

    public TenantView changeStatus(PlatformPrincipal actor, TenantId id, TenantStatus target) {
        if (target == OFFBOARDED || target == OFFBOARDING) {
            offboard(actor, id);
            return database.inTenant(id, handle -> mapper.toView(repository.find(handle, id).orElseThrow()));
        }
        return database.inTenant(id, handle -> {
            StoredTenant current = repository.findForUpdate(handle, id).orElseThrow(TenantRegistry::notFound);
            TenantStatus from = TenantStatus.fromWire(current.status());
            if (from == target) {
                return mapper.toView(current);
            }
            if (!ALLOWED.get(from).contains(target)) {
                throw ApiException.conflict("invalid_transition",
                        "a tenant cannot go from " + from.wireName() + " to " + target.wireName());
            }
            Map<String, Object> details = new LinkedHashMap<>(Map.of("from", from.wireName(), "to", target.wireName()));
            if (target == ACTIVE) {
                details.putAll(activation.require(handle, id, from));
            }
            repository.update(handle, withStatus(current, target));
            if (target == SUSPENDED) {
                // its users' tokens stop working: here at once, elsewhere through the revoked-sessions feed
                details.put("sessions_revoked", sessions.revokeAllOfTenant(handle, id.value()));
            }
            audit.record(handle, actor, "tenant.status_changed", id.value(), details);
            return mapper.toView(repository.find(handle, id).orElseThrow());
        });
    }

    /**
     * Starts the grace period: the tenant is {@code offboarding} until {@code erase_after} (now +
     * {@code registry.offboardingGracePeriod}); its data stay, its webhooks are refused (the gateway
     * and the worker see the status), and an admin may {@link #restore} it. Repeating it changes
     * nothing (the first request's end of grace stands); on an offboarded tenant it answers the tombstone.
     */
    public OffboardResult offboard(PlatformPrincipal actor, TenantId id) {
        return database.inTenant(id, handle -> {
            StoredTenant current = repository.findForUpdate(handle, id).orElseThrow(TenantRegistry::notFound);
            TenantStatus from = TenantStatus.fromWire(current.status());
            if (from == OFFBOARDED) {
                return new OffboardResult(id.value(), OFFBOARDED.wireName(), Map.of());
            }
            if (from != OFFBOARDING) {
                repository.startOffboarding(handle, id, from.wireName(), gracePeriod);
            }
            java.time.Instant eraseAfter = repository.offboarding(handle, id).orElseThrow().eraseAfter();
            if (from != OFFBOARDING) {
                // its users are signed out with it, in the same transaction (and cannot sign in: SignIn)
                int revoked = sessions.revokeAllOfTenant(handle, id.value());
                audit.record(handle, actor, "tenant.offboarding_started", id.value(),
                        Map.of("from", from.wireName(), "erase_after", eraseAfter.toString(), "sessions_revoked", revoked));
            }
            return new OffboardResult(id.value(), OFFBOARDING.wireName(), null, eraseAfter);
        });
    }

    /**
     * Ends the grace period early and returns the tenant, with every row it had, to the status it
     * had before (an {@code active} tenant was gated already). Only while {@code offboarding}.
     */
    public TenantView restore(PlatformPrincipal actor, TenantId id) {
        return database.inTenant(id, handle -> {
            StoredTenant current = repository.findForUpdate(handle, id).orElseThrow(TenantRegistry::notFound);
            TenantRepository.Offboarding offboarding = repository.offboarding(handle, id)
                    .orElseThrow(() -> ApiException.conflict("not_offboarding",
                            "only a tenant in its offboarding grace period can be restored (it is "
                                    + current.status() + ")"));
            repository.restore(handle, id, offboarding.previousStatus());
            audit.record(handle, actor, "tenant.restored", id.value(),
                    Map.of("to", offboarding.previousStatus(), "erase_after_was", offboarding.eraseAfter().toString()));
            return mapper.toView(repository.find(handle, id).orElseThrow());
        });
    }

    /** Tenants whose grace period is over: the erasure job's work list. */
    public List<String> dueForErasure(int limit) {
        return database.withoutTenant(handle -> repository.list(handle, OFFBOARDING.wireName(), 1000, 0)).stream()
                .map(StoredTenant::tenantId)
                .filter(tenant -> {
                    TenantId id = TenantId.of(tenant);
                    return database.inTenant(id, handle -> repository.offboarding(handle, id))
                            .map(TenantRepository.Offboarding::due).orElse(false);
                })
                .limit(limit)
                .toList();
    }

    /**
     * The end of a grace period: deletes the tenant's rows in every tenant-scoped table (found in
     * the catalog, so a table added later is covered) except its gate runs (the evidence it went
     * live is kept, like the audit trail; the database refuses to delete a live tenant's gate runs
     * anyway) and keeps a tombstone registry row with its secrets erased, so the id is never
     * reused. The caller (provisioning-service's erasure job) has removed its Kubernetes objects and
     * Redis keys first. Refused while the grace period runs; repeating it is harmless.
     */
    public OffboardResult erase(PlatformPrincipal actor, TenantId id) {
        return database.inTenant(id, handle -> {
            StoredTenant current = repository.findForUpdate(handle, id).orElseThrow(TenantRegistry::notFound);
            if (TenantStatus.fromWire(current.status()) == OFFBOARDED) {
                return new OffboardResult(id.value(), OFFBOARDED.wireName(), Map.of());
            }
            TenantRepository.Offboarding offboarding = repository.offboarding(handle, id).orElseThrow(() ->
                    ApiException.conflict("not_offboarding", "only an offboarding tenant can be erased"));
            if (!offboarding.due()) {
                throw ApiException.conflict("grace_period_running",
                        "the tenant's grace period runs until " + offboarding.eraseAfter());
            }
            Map<String, Integer> deleted = deleteTenantData(handle, id, KEPT_ON_OFFBOARDING);
            repository.finishOffboarding(handle, id);
            repository.update(handle, tombstone(repository.find(handle, id).orElseThrow()));
            new TenantLlmRepository().write(handle, id, null); // the tenant's own LLM key goes too
            audit.record(handle, actor, "tenant.offboarded", id.value(),
                    Map.of("from", offboarding.previousStatus(), "rows_deleted", deleted));
            return new OffboardResult(id.value(), OFFBOARDED.wireName(), deleted);
        });
    }

    /**
     * Removes every trace of a tenant that never went live (rolling back a failed onboarding), so
     * the same id can be onboarded again. A tenant that was ever active must be offboarded instead.
     */
    public OffboardResult purge(PlatformPrincipal actor, TenantId id) {
        return database.inTenant(id, handle -> {
            StoredTenant current = repository.findForUpdate(handle, id).orElseThrow(TenantRegistry::notFound);
            TenantStatus status = TenantStatus.fromWire(current.status());
            if ((status != ONBOARDING && status != CONFIGURED) || wasEverActive(handle, id)) {
                throw ApiException.conflict("tenant_went_live",
                        "only a tenant that never went live can be purged; offboard it instead");
            }
            Map<String, Integer> deleted = deleteTenantData(handle, id, List.of());
            repository.delete(handle, id);
            deleted.put("tenant_configs", 1);
            audit.record(handle, actor, "tenant.purged", id.value(), Map.of("rows_deleted", deleted));
            return new OffboardResult(id.value(), "purged", deleted);
        });
    }

    private Map<String, Integer> deleteTenantData(Handle handle, TenantId id, List<String> kept) {
        // Waits for writes in flight under set_live_tenant_context (an import page) and makes
        // later ones find the tenant gone, so none can commit rows after this erase.
        handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('tenant-data:' || :id, 0))) locked")
                .bind("id", id.value())
                .mapTo(Integer.class)
                .one();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (String table : repository.otherTenantScopedTables(handle)) {
            if (kept.contains(table)) {
                continue;
            }
            deleted.put(table, repository.deleteTenantRows(handle, table, id));
        }
        return deleted;
    }

    private static boolean wasEverActive(Handle handle, TenantId id) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM audit_log WHERE target_tenant_id = :id "
                        + "AND action = 'tenant.status_changed' AND details->>'to' = 'active')")
                .bind("id", id.value())
                .mapTo(Boolean.class)
                .one();
    }

    private static StoredTenant withStatus(StoredTenant t, TenantStatus status) {
        return new StoredTenant(t.tenantId(), t.name(), t.tier(), status.wireName(), t.adminContactEmail(),
                t.servicedeskUrl(), t.servicedeskEdition(), t.credentialsCiphertext(), t.webhookAuthMode(),
                t.webhookSecretCiphertext(), t.previousWebhookSecretCiphertext(), t.previousSecretExpiresAt(),
                t.enhancementPreferencesJson(), t.rateLimitsJson(), t.createdAt(), t.updatedAt(), t.privateNetworks(),
                t.servicedeskMspJson(), t.contextScope());
    }

    private static StoredTenant tombstone(StoredTenant t) {
        return new StoredTenant(t.tenantId(), t.name(), t.tier(), OFFBOARDED.wireName(), t.adminContactEmail(),
                t.servicedeskUrl(), t.servicedeskEdition(), null, t.webhookAuthMode(), null, null, null,
                t.enhancementPreferencesJson(), t.rateLimitsJson(), t.createdAt(), t.updatedAt(), List.of(),
                t.servicedeskMspJson(), t.contextScope());
    }
}
