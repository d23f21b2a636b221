-- tenant-service: the welcome e-mail sent at a tenant's activation (docs/api/tenant-service.md#welcome-e-mail).
-- One row per mail issued (at activation, then one per resend): where it went, how its delivery
-- ended, and its one-time link to reveal the webhook secret. Only the SHA-256 of the link's token is
-- stored, never the token (the mail is its only copy) nor the secret. A link works once
-- (revealed_at), until expires_at, and only while it is the tenant's latest (a resend sets
-- superseded_at on the older rows). Tenant data: RLS like every tenant table, erased with the tenant
-- (tenant-service's catalog-driven purge finds the table by its tenant_id column).
CREATE TABLE welcome_emails (
    tenant_id       text NOT NULL,
    -- hex SHA-256 of the link's token
    token_sha256    text NOT NULL,
    recipient       text NOT NULL,
    -- the operator (or service acting for one) who asked for it
    requested_by    text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revealed_at     timestamptz,
    superseded_at   timestamptz,
    -- pending: being sent (with retries); sent; failed (after the last retry); disabled (no SMTP_HOST)
    delivery        text NOT NULL DEFAULT 'pending',
    attempts        integer NOT NULL DEFAULT 0,
    delivery_error  text,
    delivered_at    timestamptz,
    PRIMARY KEY (token_sha256),
    CONSTRAINT welcome_emails_delivery CHECK (delivery IN ('pending', 'sent', 'failed', 'disabled')),
    CONSTRAINT welcome_emails_tenant_id_not_empty CHECK (tenant_id <> '')
);
CREATE INDEX welcome_emails_tenant_created ON welcome_emails (tenant_id, created_at DESC);

ALTER TABLE welcome_emails ENABLE ROW LEVEL SECURITY;
ALTER TABLE welcome_emails FORCE ROW LEVEL SECURITY;
-- NULLIF: an empty context ('' on a pooled connection) reads and writes nothing (V5)
CREATE POLICY tenant_isolation ON welcome_emails
    USING (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')));
