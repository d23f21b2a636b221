package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.StoredLlmEndpoint;
import com.aiagents.platform.tenant.db.StoredTenant;
import com.aiagents.platform.tenant.db.TenantLlmRepository;
import com.aiagents.platform.tenant.db.TenantRepository;
import java.util.List;
import java.util.Map;

/**
 * After TENANT_ENCRYPTION_KEY rotates (the old key kept in TENANT_ENCRYPTION_PREVIOUS_KEYS),
 * rewrites every stored secret under the current key, tenant by tenant, each in its own
 * tenant-scoped transaction. Safe to run repeatedly; returns how many tenants changed.
 */
public final class SecretReencryption {
    private static final int PAGE = 200;

    private final TenantDatabase database;
    private final TenantRepository repository;
    private final TenantSecrets secrets;
    private final AuditLog audit;
    private final TenantLlmRepository llmEndpoints = new TenantLlmRepository();

    public SecretReencryption(TenantDatabase database, TenantRepository repository, TenantSecrets secrets,
                              AuditLog audit) {
        this.database = database;
        this.repository = repository;
        this.secrets = secrets;
        this.audit = audit;
    }

    public int run(PlatformPrincipal actor) {
        int changed = 0;
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            List<StoredTenant> page = database.withoutTenant(h -> repository.list(h, null, PAGE, from));
            for (StoredTenant listed : page) {
                if (reencrypt(actor, TenantId.of(listed.tenantId()))) {
                    changed++;
                }
            }
            if (page.size() < PAGE) {
                return changed;
            }
        }
    }

    private boolean reencrypt(PlatformPrincipal actor, TenantId id) {
        return database.inTenant(id, handle -> {
            StoredTenant t = repository.findForUpdate(handle, id).orElse(null);
            if (t == null) {
                return false;
            }
            String creds = secrets.reencryptIfStale(t.tenantId(), TenantSecrets.CREDENTIALS, t.credentialsCiphertext());
            String secret = secrets.reencryptIfStale(t.tenantId(), TenantSecrets.WEBHOOK_SECRET, t.webhookSecretCiphertext());
            String previous = secrets.reencryptIfStale(t.tenantId(), TenantSecrets.PREVIOUS_WEBHOOK_SECRET,
                    t.previousWebhookSecretCiphertext());
            boolean llmKey = reencryptLlmKey(handle, id);
            if (creds == null && secret == null && previous == null) {
                if (llmKey) {
                    audit.record(handle, actor, "tenant.secrets_reencrypted", id.value(), Map.of());
                }
                return llmKey;
            }
            repository.update(handle, new StoredTenant(t.tenantId(), t.name(), t.tier(), t.status(),
                    t.adminContactEmail(), t.servicedeskUrl(), t.servicedeskEdition(),
                    creds != null ? creds : t.credentialsCiphertext(), t.webhookAuthMode(),
                    secret != null ? secret : t.webhookSecretCiphertext(),
                    previous != null ? previous : t.previousWebhookSecretCiphertext(), t.previousSecretExpiresAt(),
                    t.enhancementPreferencesJson(), t.rateLimitsJson(), t.createdAt(), t.updatedAt(), t.privateNetworks(),
                    t.servicedeskMspJson(), t.contextScope()));
            audit.record(handle, actor, "tenant.secrets_reencrypted", id.value(), Map.of());
            return true;
        });
    }

    /** The tenant's own LLM key (a separate part of the row, see {@link TenantLlmEndpoints}); true when rewritten. */
    private boolean reencryptLlmKey(org.jdbi.v3.core.Handle handle, TenantId id) {
        StoredLlmEndpoint stored = llmEndpoints.find(handle, id).orElse(null);
        String fresh = stored == null ? null
                : secrets.reencryptIfStale(id.value(), TenantLlmEndpoints.API_KEY, stored.apiKeyCiphertext());
        if (fresh == null) {
            return false;
        }
        llmEndpoints.write(handle, id, new StoredLlmEndpoint(stored.baseUrl(), stored.model(), fresh));
        return true;
    }
}
