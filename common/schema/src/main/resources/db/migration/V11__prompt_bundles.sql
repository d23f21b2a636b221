-- Prompt bundles (docs/prompt-bundles.md): a global bundle every tenant inherits, and per tenant an
-- overlay whose sections replace the global ones with the same key. Both are versioned; a version
-- is a draft until it is published, then production; the production it replaced is kept as retired.
-- Only tenant-service reads or writes them (ServiceGrants); the worker gets the composed prompt
-- from tenant-service's API, never from these tables.

-- ---------------------------------------------------------------------------------------------
-- The global bundle is platform configuration, not tenant data: no tenant_id, no RLS. Only
-- tenant-service's role may touch it, and its API lets only the admin role write it.
CREATE TABLE global_prompt_bundles (
    version       integer PRIMARY KEY CHECK (version > 0),
    status        text NOT NULL CHECK (status IN ('draft', 'production', 'retired')),
    sections      jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
-- at most one draft and one production version at a time
CREATE UNIQUE INDEX global_prompt_bundles_one_draft ON global_prompt_bundles ((true)) WHERE status = 'draft';
CREATE UNIQUE INDEX global_prompt_bundles_one_production ON global_prompt_bundles ((true)) WHERE status = 'production';

-- ---------------------------------------------------------------------------------------------
-- A tenant's overlay: tenant data, under forced row-level security like every tenant table.
CREATE TABLE tenant_prompt_bundles (
    tenant_id     text NOT NULL CHECK (tenant_id <> ''),
    version       integer NOT NULL CHECK (version > 0),
    status        text NOT NULL CHECK (status IN ('draft', 'production', 'retired')),
    sections      jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    PRIMARY KEY (tenant_id, version)
);
CREATE UNIQUE INDEX tenant_prompt_bundles_one_draft ON tenant_prompt_bundles (tenant_id) WHERE status = 'draft';
CREATE UNIQUE INDEX tenant_prompt_bundles_one_production ON tenant_prompt_bundles (tenant_id)
    WHERE status = 'production';

ALTER TABLE tenant_prompt_bundles ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_prompt_bundles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_prompt_bundles
    USING (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')));

-- ---------------------------------------------------------------------------------------------
-- Which composed prompt (sha256 of its text, docs/prompt-bundles.md) an enhancement was written with.
ALTER TABLE enhancement_history ADD COLUMN composed_prompt_sha256 text
    CHECK (composed_prompt_sha256 ~ '^[0-9a-f]{64}$');
