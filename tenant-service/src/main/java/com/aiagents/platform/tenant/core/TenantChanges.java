package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import java.util.ArrayList;
import java.util.List;

/** A validated PATCH: null means "leave as it is". Preferences arrive already merged. */
public record TenantChanges(
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

    /** Names of the fields this patch changes, for the audit log (never their values). */
    public List<String> changedFields() {
        List<String> fields = new ArrayList<>();
        addIf(fields, name, "name");
        addIf(fields, tier, "tier");
        addIf(fields, adminContactEmail, "admin_contact_email");
        addIf(fields, servicedeskUrl, "servicedesk_url");
        addIf(fields, edition, "servicedesk_edition");
        addIf(fields, credentials, "servicedesk_credentials");
        addIf(fields, webhookMode, "webhook_auth");
        addIf(fields, preferences, "enhancement_preferences");
        addIf(fields, rateLimits, "rate_limits");
        addIf(fields, privateNetworks, "servicedesk_private_networks");
        addIf(fields, msp, "servicedesk_msp");
        addIf(fields, contextScope, "context_scope");
        return fields;
    }

    private static void addIf(List<String> fields, Object value, String field) {
        if (value != null) {
            fields.add(field);
        }
    }

    @Override
    public String toString() {
        return "TenantChanges" + changedFields();
    }
}
