package com.aiagents.platform.tenant.db;

import java.time.Instant;

/** A {@code tenant_configs} row as stored: secrets are ciphertexts; JSON columns are raw text. */
public record StoredTenant(
        String tenantId,
        String name,
        String tier,
        String status,
        String adminContactEmail,
        String servicedeskUrl,
        String servicedeskEdition,
        String credentialsCiphertext,
        String webhookAuthMode,
        String webhookSecretCiphertext,
        String previousWebhookSecretCiphertext,
        Instant previousSecretExpiresAt,
        String enhancementPreferencesJson,
        String rateLimitsJson,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "StoredTenant[" + tenantId + ", " + status + "]";
    }
}
