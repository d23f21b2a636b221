package com.aiagents.platform.gateway.health;

import com.aiagents.platform.common.client.CachingTenantDirectory;
import com.codahale.metrics.health.HealthCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Whether the gateway itself currently gets answers from tenant-service. Open means recent calls
 * failed: known tenants are served from the cache (up to staleIfErrorFor), new ones get 503.
 */
public final class TenantDirectoryCircuitHealthCheck extends HealthCheck {
    private final CachingTenantDirectory directory;

    public TenantDirectoryCircuitHealthCheck(CachingTenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected Result check() {
        CircuitBreaker.State state = directory.circuitState();
        return state == CircuitBreaker.State.OPEN
                ? Result.unhealthy("tenant-service circuit is open: serving cached tenants only")
                : Result.healthy("tenant-service circuit is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
}
