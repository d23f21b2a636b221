package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import java.util.List;

/** A validated create request; {@code privateNetworks} in canonical CIDR text, empty when none. */
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
        List<String> privateNetworks) {

    @Override
    public String toString() {
        return "NewTenant[" + tenantId + "]";
    }
}
