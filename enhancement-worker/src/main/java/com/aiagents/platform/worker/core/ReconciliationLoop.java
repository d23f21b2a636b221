package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.worker.db.ReconciliationState;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every interval, a reconciliation pass for each active tenant, one replica per tenant at a time
 * (a {@link TenantRunLock}; a replica that finds the previous pass recent skips it), then the
 * tenant's metrics from the shared state on every replica.
 */
public final class ReconciliationLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationLoop.class);
    private static final Duration LOCK_LEASE = Duration.ofMinutes(2);

    private final RegistryTenants registry;
    private final TenantDirectory directory;
    private final WebhookReconciler reconciler;
    private final ReconciliationMetrics metrics;
    private final ReconciliationSettings settings;
    private final TenantRunLock lock;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Set<TenantId> shown = new HashSet<>();

    public ReconciliationLoop(RegistryTenants registry, TenantDirectory directory, WebhookReconciler reconciler,
                              ReconciliationMetrics metrics, ReconciliationSettings settings, UnifiedJedis redis,
                              String workerId, ScheduledExecutorService scheduler, Clock clock) {
        this.registry = registry;
        this.directory = directory;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.settings = settings;
        this.lock = new TenantRunLock(redis, TenantRunLock.RECONCILE_PREFIX, workerId, LOCK_LEASE);
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start() {
        long every = settings.getInterval().toMilliseconds();
        scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    }

    /** One round over the registry's active tenants; never throws (the schedule would stop). */
    void runOnce() {
        List<RegistryTenants.Listed> tenants;
        try {
            tenants = registry.all();
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=reconciliation_listing_failed error={}", e.getClass().getSimpleName());
            return;
        }
        Set<TenantId> active = new HashSet<>();
        for (RegistryTenants.Listed t : tenants) {
            if ("active".equals(t.status())) {
                active.add(t.tenantId());
                reconcile(t.tenantId());
            }
        }
        shown.stream().filter(t -> !active.contains(t)).forEach(metrics::forget);
        shown.retainAll(active);
    }

    private void reconcile(TenantId tenant) {
        MDC.put("tenant_id", tenant.value());
        try {
            if (lock.acquire(tenant)) {
                try {
                    TenantRuntimeConfig config = directory.lookup(tenant);
                    if (config.status() == TenantStatus.ACTIVE) {
                        reconciler.pass(config, () -> lock.extend(tenant));
                    }
                } finally {
                    lock.release(tenant);
                }
            }
            ReconciliationState state = reconciler.state(tenant);
            if (state != null) {
                metrics.show(tenant, state, reconciler.lastWebhook(tenant), clock.instant(),
                        settings.getWebhookSilenceAfter().toJavaDuration());
                shown.add(tenant);
            }
        } catch (RuntimeException e) {
            LOG.warn("event=reconciliation_failed tenant_id={} error={}", tenant, e.getClass().getSimpleName());
        } finally {
            MDC.remove("tenant_id");
        }
    }
}
