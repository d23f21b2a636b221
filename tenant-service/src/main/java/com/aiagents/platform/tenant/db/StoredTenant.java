package com.aiagents.platform.tenant.db;

import java.time.Instant;
import java.util.List;

/**
 * A {@code tenant_configs} row as stored: secrets are ciphertexts; JSON columns are raw text;
 * {@code privateNetworks} is {@code servicedesk_private_networks} in PostgreSQL's canonical CIDR
 * text (null in the cross-tenant listing, which does not read it); {@code servicedeskMspJson} is the
 * MSP edition's {@code servicedesk_msp} (null elsewhere, and in the listing) and {@code contextScope}
 * {@code tenant} or {@code account} (null in the listing).
 */
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
        Instant updatedAt,
        List<String> privateNetworks,
        String servicedeskMspJson,
        String contextScope) {

    @Override
    public String toString() {
        return "StoredTenant[" + tenantId + ", " + status + "]";
    }
}
