package com.aiagents.platform.sdpsim.core;

import com.codahale.metrics.health.HealthCheck;

/** The simulator has no external dependencies; this reports that it serves and how many instances it holds. */
public final class RegistryHealthCheck extends HealthCheck {

    private final InstanceRegistry registry;

    public RegistryHealthCheck(InstanceRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected Result check() {
        return Result.healthy(registry.size() + " instance(s)");
    }
}
