package com.aiagents.platform.worker.core;

import com.aiagents.platform.worker.queue.QueueMaintenance;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The gateway may enqueue a premium tenant's jobs straight onto {@code enhancement_queue:<id>}
 * (docs/queue.md), bypassing the dispatch that registers a tenant. Without KEYS or SCAN, the
 * worker learns those lists from the registry: every premium tenant is made known, so the
 * periodic reconcile puts its list in the round robin as soon as it holds jobs. The same pass keeps
 * the set of premium tenants whose in-flight cap the claim weights up.
 */
public final class PremiumQueueDiscovery {
    private final RegistryTenants registry;
    private final QueueMaintenance maintenance;

    public PremiumQueueDiscovery(RegistryTenants registry, QueueMaintenance maintenance) {
        this.registry = registry;
        this.maintenance = maintenance;
    }

    /** Registers every premium tenant's list and the premium set; returns how many premium tenants there are. */
    public int discover() throws IOException {
        Set<String> premium = new HashSet<>();
        for (RegistryTenants.Listed t : registry.all()) {
            if ("premium".equals(t.tier()) && !t.status().startsWith("offboard")) {
                maintenance.registerTenant(t.tenantId().value());
                premium.add(t.tenantId().value());
            }
        }
        maintenance.replacePremiumTenants(premium);
        return premium.size();
    }
}
