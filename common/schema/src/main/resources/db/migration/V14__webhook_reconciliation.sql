-- enhancement-worker's reconciliation (docs/reconciliation.md): one row per tenant, the cursor of
-- the periodic pass that lists the SDP requests created or updated since the last one and queues
-- those without an enhancement, plus what the webhook-silence alert and the onboarding view need.
CREATE TABLE webhook_reconciliation (
    tenant_id                text PRIMARY KEY,
    -- how the last pass ended: completed, budget_spent or failed:<reason> (free text, and the first
    -- NOT NULL text column, so gate 1's catalog-driven canary rows carry their marker here)
    last_outcome             text NOT NULL DEFAULT 'none',
    -- SDP's last_updated_time up to which every request has been looked at (SDP's clock)
    cursor_at                timestamptz NOT NULL,
    last_pass_at             timestamptz,
    -- the gateway's last authenticated webhook for the tenant, as last read from Redis
    last_webhook_at          timestamptz,
    -- the first webhook after this row was made (the tenant was live by then): the onboarding view's
    -- proof that the tenant's own SDP reaches the gateway
    first_webhook_at         timestamptz,
    first_reconciled_at      timestamptz,
    first_reconciled_ticket  text,
    -- SDP creation time of the oldest ticket created after the last webhook, while there is one
    unannounced_since        timestamptz,
    tickets_found            bigint NOT NULL DEFAULT 0 CHECK (tickets_found >= 0),
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webhook_reconciliation_tenant_id_not_empty CHECK (tenant_id <> '')
);

ALTER TABLE webhook_reconciliation ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_reconciliation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_reconciliation
    USING (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')));
