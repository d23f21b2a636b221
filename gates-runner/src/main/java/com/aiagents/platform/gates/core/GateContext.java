package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;

/**
 * What a gate runs against: the run, the tenant, and the tenant's runtime configuration as
 * tenant-service serves it to services (decrypted credentials and current webhook secret: never
 * print it; its {@code toString()} is redacted).
 */
public record GateContext(String runId, TenantId tenantId, TenantRuntimeConfig config) {
}
