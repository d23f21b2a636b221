package com.aiagents.platform.tenant.db;

/** A tenant's own LLM endpoint as stored in {@code tenant_configs}: the key is a ciphertext. */
public record StoredLlmEndpoint(String baseUrl, String model, String apiKeyCiphertext) {

    @Override
    public String toString() {
        return "StoredLlmEndpoint[" + baseUrl + ", " + model + "]";
    }
}
