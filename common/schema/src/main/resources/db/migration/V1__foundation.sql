-- The platform's foundation schema (docs/rls.md).
-- Runs as the migration (owner) role. Services connect as ${runtime_role}: no superuser, no
-- BYPASSRLS, not the owner, so FORCE'd row-level security applies to every statement it runs.
-- Placeholders: ${runtime_role} (DATABASE_USER), ${registry_role} (a NOLOGIN role that owns the
-- two narrow functions that must see across tenants).

CREATE EXTENSION IF NOT EXISTS btree_gin;

-- ---------------------------------------------------------------------------------------------
-- Tenant registry. Secrets are AES-256-GCM ciphertexts ("v<key version>:<base64>") written by
-- tenant-service; the database never sees a plaintext secret. An offboarded tenant keeps its row
-- (secrets cleared) so its id is never reused.
CREATE TABLE tenant_configs (
    tenant_id                    text PRIMARY KEY
        CHECK (tenant_id ~ '^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$'),
    name                         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    tier                         text NOT NULL CHECK (tier IN ('basic', 'premium')),
    status                       text NOT NULL
        CHECK (status IN ('onboarding', 'configured', 'active', 'suspended', 'offboarded')),
    admin_contact_email          text NOT NULL,
    servicedesk_url              text NOT NULL,
    servicedesk_edition          text NOT NULL CHECK (servicedesk_edition IN ('onprem', 'cloud')),
    servicedesk_credentials_enc  text,
    webhook_auth_mode            text NOT NULL CHECK (webhook_auth_mode IN ('hmac', 'token')),
    webhook_secret_enc           text,
    previous_webhook_secret_enc  text,
    previous_secret_expires_at   timestamptz,
    enhancement_preferences      jsonb NOT NULL,
    rate_limits                  jsonb NOT NULL,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
-- One row per ticket event the worker enhances; the unique key is what makes "one note per
-- ticket event" hold across retries and crashes (docs/queue.md).
CREATE TABLE enhancement_history (
    id                 bigserial PRIMARY KEY,
    tenant_id          text NOT NULL,
    ticket_id          text NOT NULL,
    event_key          text NOT NULL,
    job_id             text NOT NULL,
    status             text NOT NULL
        CHECK (status IN ('received', 'context_gathered', 'synthesized', 'posting', 'posted', 'failed')),
    attempts           integer NOT NULL DEFAULT 0,
    synthesizer        text,
    model              text,
    prompt_tokens      integer,
    completion_tokens  integer,
    duration_ms        integer,
    content_hash       text,
    note_marker        text,
    sdp_note_id        text,
    error              text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, ticket_id, event_key)
);
CREATE INDEX enhancement_history_tenant_created ON enhancement_history (tenant_id, created_at DESC);
CREATE INDEX enhancement_history_tenant_job ON enhancement_history (tenant_id, job_id);

-- ---------------------------------------------------------------------------------------------
-- Resolved tickets: the similar-ticket context. The generated tsvector plus a btree_gin index
-- that leads with tenant_id keeps ranked full-text search fast at a million rows per tenant.
CREATE TABLE ticket_history (
    tenant_id      text NOT NULL,
    ticket_id      text NOT NULL,
    subject        text NOT NULL,
    description    text NOT NULL DEFAULT '',
    resolution     text,
    category       text,
    priority       text,
    status         text,
    source         text NOT NULL DEFAULT 'sdp_import'
        CHECK (source IN ('sdp_import', 'processed', 'seed', 'api')),
    resolved_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    search_vector  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(subject, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(resolution, '')), 'C')) STORED,
    PRIMARY KEY (tenant_id, ticket_id)
);
CREATE INDEX ticket_history_search ON ticket_history USING gin (tenant_id, search_vector);

-- ---------------------------------------------------------------------------------------------
CREATE TABLE kb_articles (
    tenant_id      text NOT NULL,
    article_id     text NOT NULL,
    title          text NOT NULL,
    content        text NOT NULL,
    tags           text[] NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    search_vector  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(content, '')), 'B')) STORED,
    PRIMARY KEY (tenant_id, article_id)
);
CREATE INDEX kb_articles_search ON kb_articles USING gin (tenant_id, search_vector);

-- ---------------------------------------------------------------------------------------------
-- Hosts, addresses and services a ticket may name (the "monitoring" context source).
CREATE TABLE system_inventory (
    tenant_id    text NOT NULL,
    asset_id     text NOT NULL,
    hostname     text NOT NULL,
    ip_address   inet,
    services     text[] NOT NULL DEFAULT '{}',
    kind         text,
    environment  text,
    status       text,
    owner        text,
    details      jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, asset_id)
);
CREATE INDEX system_inventory_hostname ON system_inventory (tenant_id, lower(hostname));
CREATE INDEX system_inventory_ip ON system_inventory (tenant_id, ip_address);
CREATE INDEX system_inventory_services ON system_inventory USING gin (tenant_id, services);

-- ---------------------------------------------------------------------------------------------
-- Gate results: the only way to "active" is a run in which all four gates passed.
CREATE TABLE gate_runs (
    id           bigserial PRIMARY KEY,
    run_id       text NOT NULL,
    tenant_id    text NOT NULL,
    gate         integer NOT NULL CHECK (gate BETWEEN 1 AND 4),
    gate_name    text NOT NULL,
    passed       boolean NOT NULL,
    summary      text NOT NULL,
    details      jsonb NOT NULL DEFAULT '{}',
    duration_ms  integer NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, run_id, gate)
);
CREATE INDEX gate_runs_tenant_finished ON gate_runs (tenant_id, finished_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Row-level security: enabled AND forced (the owner is subject to it too), one policy per
-- table with USING and WITH CHECK. The setting is read in a scalar subquery so the planner
-- evaluates it once per statement, not once per row.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenant_configs', 'enhancement_history', 'ticket_history',
                             'kb_articles', 'system_inventory', 'gate_runs']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I'
            ' USING (tenant_id = (SELECT current_setting(''app.current_tenant_id'', true)))'
            ' WITH CHECK (tenant_id = (SELECT current_setting(''app.current_tenant_id'', true)))', t);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Operator actions: who, what, which tenant, when; never a secret value. Platform-level (an
-- offboarded tenant's trail must survive its offboarding), so it is not tenant-scoped: the
-- column is target_tenant_id. Append-only: the runtime role gets SELECT and INSERT only, and a
-- trigger refuses UPDATE and DELETE even for the owner.
CREATE TABLE audit_log (
    id                bigserial PRIMARY KEY,
    occurred_at       timestamptz NOT NULL DEFAULT now(),
    actor             text NOT NULL,
    actor_role        text NOT NULL,
    action            text NOT NULL,
    target_tenant_id  text,
    details           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target ON audit_log (target_tenant_id, occurred_at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- ---------------------------------------------------------------------------------------------
-- The registry's cross-tenant needs, without weakening the runtime role (docs/rls.md):
-- ${registry_role} may read the registry's non-secret columns of every tenant, and owns the
-- two SECURITY DEFINER functions below; the runtime role may only EXECUTE them.
GRANT SELECT (tenant_id, name, tier, status, admin_contact_email, servicedesk_url,
              servicedesk_edition, webhook_auth_mode, enhancement_preferences, rate_limits,
              created_at, updated_at)
    ON tenant_configs TO ${registry_role};
CREATE POLICY registry_read ON tenant_configs FOR SELECT TO ${registry_role} USING (true);

-- Checks that the tenant exists (and is not offboarded), then sets the context for the
-- current transaction only. For runbooks and psql; services call set_config directly.
CREATE FUNCTION set_tenant_context(p_tenant_id text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM tenant_configs
                   WHERE tenant_id = p_tenant_id AND status <> 'offboarded') THEN
        RAISE EXCEPTION 'unknown tenant' USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM set_config('app.current_tenant_id', p_tenant_id, true);
END
$$;

-- The operator's tenant listing: non-secret columns only, paged, optionally by status.
CREATE FUNCTION registry_list_tenants(p_status text, p_limit integer, p_offset integer)
    RETURNS TABLE (tenant_id text, name text, tier text, status text, admin_contact_email text,
                   servicedesk_url text, servicedesk_edition text, webhook_auth_mode text,
                   enhancement_preferences jsonb, rate_limits jsonb,
                   created_at timestamptz, updated_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.tenant_id, t.name, t.tier, t.status, t.admin_contact_email, t.servicedesk_url,
           t.servicedesk_edition, t.webhook_auth_mode, t.enhancement_preferences, t.rate_limits,
           t.created_at, t.updated_at
      FROM tenant_configs t
     WHERE p_status IS NULL OR t.status = p_status
     ORDER BY t.created_at, t.tenant_id
     LIMIT least(greatest(p_limit, 1), 1000) OFFSET greatest(p_offset, 0)
$$;

-- A new owner needs CREATE on the schema at the moment of the hand-over; it keeps none after.
GRANT CREATE ON SCHEMA public TO ${registry_role};
ALTER FUNCTION set_tenant_context(text) OWNER TO ${registry_role};
ALTER FUNCTION registry_list_tenants(text, integer, integer) OWNER TO ${registry_role};
REVOKE CREATE ON SCHEMA public FROM ${registry_role};
REVOKE ALL ON FUNCTION set_tenant_context(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION registry_list_tenants(text, integer, integer) FROM PUBLIC;
