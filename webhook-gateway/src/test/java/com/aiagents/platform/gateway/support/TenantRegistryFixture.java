package com.aiagents.platform.gateway.support;

import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;

/** What the gateway's tests need from the tenant registry, whichever stands behind it. */
public interface TenantRegistryFixture extends AutoCloseable {

    /** Base URL the gateway's {@code tenantService.url} points at. */
    String url();

    /** The service token the registry accepts on its internal endpoint. */
    String serviceToken();

    /** Registers a tenant and returns its webhook secret. */
    String create(String tenantId, WebhookAuthMode mode, Tier tier, int requestsPerMinute);

    void setStatus(String tenantId, TenantStatus status);

    /** Rotates the secret; the old one stays valid for the grace period. Returns the new one. */
    String rotate(String tenantId);

    /** Ends the rotation's grace period now, as if 24 h had passed. */
    void expirePreviousSecret(String tenantId);

    void offboard(String tenantId);

    @Override
    void close();
}
