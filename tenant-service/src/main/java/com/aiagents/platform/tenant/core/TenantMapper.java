package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.tenant.api.TenantView;
import com.aiagents.platform.tenant.db.StoredTenant;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;

/** Converts stored rows into what operators and services see. */
final class TenantMapper {
    private final ObjectMapper json;
    private final TenantSecrets secrets;
    private final Clock clock;

    TenantMapper(ObjectMapper json, TenantSecrets secrets, Clock clock) {
        this.json = json;
        this.secrets = secrets;
        this.clock = clock;
    }

    TenantView toView(StoredTenant t) {
        boolean rotating = t.previousSecretExpiresAt() != null && t.previousSecretExpiresAt().isAfter(clock.instant());
        return new TenantView(t.tenantId(), t.name(), Tier.fromWire(t.tier()), TenantStatus.fromWire(t.status()),
                t.adminContactEmail(), t.servicedeskUrl(), ServicedeskEdition.fromWire(t.servicedeskEdition()),
                // Credentials are required at creation and erased only by offboarding.
                new TenantView.CredentialsSummary(TenantStatus.fromWire(t.status()) != TenantStatus.OFFBOARDED),
                new TenantView.WebhookAuthView(WebhookAuthMode.fromWire(t.webhookAuthMode()),
                        rotating ? t.previousSecretExpiresAt() : null),
                preferences(t), rateLimits(t), t.privateNetworks(), msp(t),
                t.contextScope() == null ? null : ContextScope.fromWire(t.contextScope()), t.createdAt(), t.updatedAt(),
                null, null);
    }

    /** Status, tier and rate limits for everyone; the secret-bearing parts only for an audience that uses them. */
    TenantRuntimeConfig toRuntimeConfig(StoredTenant t, RuntimeConfigAudience audience) {
        String id = t.tenantId();
        TenantRuntimeConfig.Webhook webhook = !audience.webhook() ? null
                : new TenantRuntimeConfig.Webhook(WebhookAuthMode.fromWire(t.webhookAuthMode()),
                        secrets.decrypt(id, TenantSecrets.WEBHOOK_SECRET, t.webhookSecretCiphertext()),
                        secrets.decrypt(id, TenantSecrets.PREVIOUS_WEBHOOK_SECRET, t.previousWebhookSecretCiphertext()),
                        t.previousSecretExpiresAt());
        TenantRuntimeConfig.Servicedesk servicedesk = !audience.servicedesk() ? null
                : new TenantRuntimeConfig.Servicedesk(ServicedeskEdition.fromWire(t.servicedeskEdition()),
                        t.servicedeskUrl(), secrets.decryptCredentials(id, t.credentialsCiphertext()),
                        t.privateNetworks(), msp(t));
        return new TenantRuntimeConfig(id, TenantStatus.fromWire(t.status()), Tier.fromWire(t.tier()),
                webhook, rateLimits(t), servicedesk, audience.preferences() ? preferences(t) : null, null,
                t.contextScope() == null ? null : ContextScope.fromWire(t.contextScope()));
    }

    /** The MSP edition's settings; null for the other editions. */
    MspSettings msp(StoredTenant t) {
        return t.servicedeskMspJson() == null ? null : read(t.servicedeskMspJson(), MspSettings.class);
    }

    EnhancementPreferences preferences(StoredTenant t) {
        return read(t.enhancementPreferencesJson(), EnhancementPreferences.class);
    }

    RateLimits rateLimits(StoredTenant t) {
        return read(t.rateLimitsJson(), RateLimits.class);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + value.getClass().getSimpleName());
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable");
        }
    }
}
