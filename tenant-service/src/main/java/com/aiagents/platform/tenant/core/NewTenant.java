package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;

/** A validated create request. */
public record NewTenant(
        TenantId tenantId,
        String name,
        Tier tier,
        String adminContactEmail,
        String servicedeskUrl,
        ServicedeskEdition edition,
        ServicedeskCredentials credentials,
        WebhookAuthMode webhookMode,
        EnhancementPreferences preferences,
        RateLimits rateLimits) {

    @Override
    public String toString() {
        return "NewTenant[" + tenantId + "]";
    }
}
