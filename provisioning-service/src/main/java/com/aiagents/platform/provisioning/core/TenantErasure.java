package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.provisioning.client.ServiceCallException;
import com.aiagents.platform.provisioning.client.TenantRegistryClient;
import com.aiagents.platform.provisioning.client.WorkerClient;
import com.aiagents.platform.provisioning.kubernetes.KubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.ObjectRef;
import com.aiagents.platform.provisioning.kubernetes.ProvisioningException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of offboarding (docs/runbooks/offboarding.md): every {@code erasure.interval}, each tenant
 * whose grace period is over loses its Kubernetes objects, then its Redis keys (the worker's
 * erasure), then its rows (tenant-service's erasure, which leaves the {@code offboarded} tombstone).
 * Rows go last so that a tenant whose erasure fails half-way is still listed as due and the next
 * pass finishes it. Every step is repeatable, and one pass at a time runs across all replicas (a
 * PostgreSQL advisory lock held for the pass), so several replicas never race on a tenant.
 */
public final class TenantErasure implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TenantErasure.class);
    private static final long LOCK_KEY = 0x7e4a_5e_0ffL;

    private final TenantDatabase database;
    private final TenantRegistryClient registry;
    private final WorkerClient worker;
    private final KubernetesProvisioner kubernetes;
    private final ErasureSettings settings;
    private final AuditTrail audit;
    private ScheduledExecutorService scheduler;

    public TenantErasure(TenantDatabase database, TenantRegistryClient registry, WorkerClient worker,
                         KubernetesProvisioner kubernetes, ErasureSettings settings, AuditTrail audit) {
        this.audit = audit;
        this.database = database;
        this.registry = registry;
        this.worker = worker;
        this.kubernetes = kubernetes;
        this.settings = settings;
    }

    /** One pass: the tenants erased, and those that failed (tried again next pass) with why. */
    public record Pass(@JsonProperty("ran") boolean ran, @JsonProperty("erased") List<String> erased,
                       @JsonProperty("failed") Map<String, String> failed) {
    }

    /** Runs a pass now, unless another replica is running one (then {@code ran} is false). */
    public Pass runOnce() {
        return database.withoutTenant(handle -> {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                    .bind("key", LOCK_KEY).mapTo(Boolean.class).one();
            if (!locked) {
                return new Pass(false, List.of(), Map.of());
            }
            List<String> erased = new ArrayList<>();
            Map<String, String> failed = new LinkedHashMap<>();
            for (TenantId tenant : registry.dueForErasure(settings.batchSize())) {
                try {
                    erase(tenant);
                    erased.add(tenant.value());
                } catch (ServiceCallException | ProvisioningException e) {
                    failed.put(tenant.value(), e.getMessage());
                    LOG.warn("event=tenant_erasure_failed tenant_id={} reason={}", tenant.value(), e.getMessage());
                }
            }
            return new Pass(true, erased, failed);
        });
    }

    private void erase(TenantId tenant) {
        List<ObjectRef> objects = kubernetes.delete(tenant);
        audit.recordInBackground(AuditEntry.of("provisioning.tenant_kubernetes_erased", tenant)
                .with("objects_deleted", objects.size()));
        worker.eraseRedis(tenant);
        registry.erase(tenant);
        LOG.info("event=tenant_erased tenant_id={} kubernetes_objects_deleted={}", tenant.value(), objects.size());
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tenant-erasure");
            thread.setDaemon(true);
            return thread;
        });
        long millis = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // tenant-service or PostgreSQL unreachable: the next pass tries again
            LOG.warn("event=tenant_erasure_pass_failed reason={}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
