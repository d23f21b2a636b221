package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import java.util.List;

/**
 * A validated create request; {@code privateNetworks} in canonical CIDR text, empty when none;
 * {@code msp} only for the MSP edition; {@code contextScope} resolved to its default when not given.
 */
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
        RateLimits rateLimits,
        List<String> privateNetworks,
        MspSettings msp,
        ContextScope contextScope) {

    @Override
    public String toString() {
        return "NewTenant[" + tenantId + "]";
    }
}
