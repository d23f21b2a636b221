package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.Tier;

/**
 * Which list a tenant's jobs go to. By default every job goes to {@code enhancement_queue} and the
 * worker schedules tenants fairly from there; with {@code premiumTenantQueues} a premium tenant's
 * jobs skip the shared ingress and go straight to {@code {enhancement_queue}:<tenant_id>}.
 */
public final class QueueRouting {
    private final boolean premiumTenantQueues;

    public QueueRouting(boolean premiumTenantQueues) {
        this.premiumTenantQueues = premiumTenantQueues;
    }

    public String queueFor(TenantId tenant, TenantRuntimeConfig config) {
        return premiumTenantQueues && config.tier() == Tier.PREMIUM ? QueueNames.tenantQueue(tenant) : QueueNames.INGRESS;
    }
}
