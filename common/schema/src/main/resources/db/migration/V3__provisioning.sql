-- provisioning-service: onboarding sagas and their steps (docs/api/provisioning-service.md).
--
-- Why these tables have no `tenant_id` column (and so no tenant_isolation policy):
--  * An onboarding is the platform's record ABOUT a tenant, like audit_log, not the tenant's
--    data. It must outlive the tenant: rolling back an onboarding purges the tenant, and
--    tenant-service's purge/offboard deletes the rows of every table that has a `tenant_id`
--    column (found from the catalog). With such a column the rollback would erase the very record
--    that reports `rolled_back`, and an idempotency key would silently start a second onboarding.
--  * Operators list and look up onboardings by id or idempotency key without knowing the tenant,
--    which under RLS would need SECURITY DEFINER functions for every read path.
--  * Nothing here is tenant data or a secret: no credentials, no contact details, no webhook
--    secret (it is shown once in the POST answer and never stored, see docs/api/provisioning-service.md),
--    only the tenant id, tier, step names, timings and error messages that never carry a secret.
-- Hence `target_tenant_id`, exactly like audit_log.target_tenant_id.
CREATE TABLE onboardings (
    onboarding_id     uuid PRIMARY KEY,
    target_tenant_id  text NOT NULL
        CHECK (target_tenant_id ~ '^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$'),
    tier              text NOT NULL CHECK (tier IN ('basic', 'premium')),
    idempotency_key   text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    status            text NOT NULL
        CHECK (status IN ('running', 'succeeded', 'failed', 'rolled_back')),
    requested_by      text NOT NULL,
    -- whether this onboarding created the tenant record (so its rollback may remove it)
    tenant_created    boolean NOT NULL DEFAULT false,
    webhook_url       text,
    webhook_mode      text CHECK (webhook_mode IN ('hmac', 'token')),
    webhook_header    text,
    -- the process running it and until when; a run whose lease ran out was interrupted
    lease_owner       text,
    lease_expires_at  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz
);
CREATE INDEX onboardings_target ON onboardings (target_tenant_id, created_at DESC);
CREATE INDEX onboardings_created ON onboardings (created_at DESC, onboarding_id);

-- One row per step, forward steps first, then the compensations of a rollback.
CREATE TABLE onboarding_steps (
    onboarding_id  uuid NOT NULL REFERENCES onboardings (onboarding_id) ON DELETE CASCADE,
    ordinal        integer NOT NULL,
    name           text NOT NULL,
    status         text NOT NULL
        CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
    attempts       integer NOT NULL DEFAULT 0,
    started_at     timestamptz,
    duration_ms    bigint,
    error          text,
    detail         text,
    PRIMARY KEY (onboarding_id, name),
    UNIQUE (onboarding_id, ordinal)
);
