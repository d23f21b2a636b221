-- tenant-service: a tenant's own OpenAI-compatible LLM endpoint ("bring your own LLM"). All three
-- are set together or not at all (no endpoint: the platform's LLM_BASE_URL serves the tenant). The
-- key is stored like the SDP credentials: authenticated encryption under TENANT_ENCRYPTION_KEY, the
-- tenant and column as associated data, the key version in the ciphertext. The table's existing
-- grants and row-level security cover the new columns; gates-runner's and the registry's
-- column-level SELECT grants do not include them, so only tenant-service reads the key.
ALTER TABLE tenant_configs
    ADD COLUMN llm_base_url text,
    ADD COLUMN llm_model text,
    ADD COLUMN llm_api_key_enc text,
    ADD CONSTRAINT tenant_configs_llm_endpoint_whole CHECK (
        (llm_base_url IS NULL AND llm_model IS NULL AND llm_api_key_enc IS NULL)
        OR (llm_base_url IS NOT NULL AND llm_model IS NOT NULL AND llm_api_key_enc IS NOT NULL));
