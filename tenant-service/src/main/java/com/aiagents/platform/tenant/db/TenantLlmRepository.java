package com.aiagents.platform.tenant.db;

import com.aiagents.platform.api.TenantId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for a tenant's own LLM endpoint, three columns of {@code tenant_configs} kept apart from
 * {@link TenantRepository}'s row so only the code that needs them reads the key's ciphertext.
 * Every method runs in a transaction opened by {@code TenantDatabase.inTenant}.
 */
public final class TenantLlmRepository {

    public Optional<StoredLlmEndpoint> find(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT llm_base_url, llm_model, llm_api_key_enc FROM tenant_configs "
                        + "WHERE tenant_id = :id AND llm_base_url IS NOT NULL")
                .bind("id", tenantId.value())
                .map((rs, ctx) -> new StoredLlmEndpoint(rs.getString(1), rs.getString(2), rs.getString(3)))
                .findOne();
    }

    /** Sets the endpoint, or removes it when {@code endpoint} is null. */
    public void write(Handle handle, TenantId tenantId, StoredLlmEndpoint endpoint) {
        handle.createUpdate("UPDATE tenant_configs SET llm_base_url = :url, llm_model = :model, "
                        + "llm_api_key_enc = :key, updated_at = now() WHERE tenant_id = :id")
                .bind("url", endpoint == null ? null : endpoint.baseUrl())
                .bind("model", endpoint == null ? null : endpoint.model())
                .bind("key", endpoint == null ? null : endpoint.apiKeyCiphertext())
                .bind("id", tenantId.value())
                .execute();
    }
}
