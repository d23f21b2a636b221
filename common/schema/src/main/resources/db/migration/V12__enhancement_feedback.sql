-- Technicians' feedback on enhancement notes (docs/feedback.md): one row per enhancement, holding
-- the latest vote. The gateway (no database access) verifies the signed link and hands each vote to
-- the worker through Redis; the worker writes it here under the tenant's context.
--
-- No foreign key to enhancement_history: the worker's insert selects the enhancement under RLS
-- (INSERT ... SELECT), so a vote for an enhancement that is not the tenant's inserts nothing, and
-- tenant-service's catalog-driven purge and gate 1's canary rows need no ordering between the tables.
CREATE TABLE enhancement_feedback (
    tenant_id       text NOT NULL,
    enhancement_id  bigint NOT NULL,
    vote            text NOT NULL CHECK (vote IN ('helpful', 'not_helpful')),
    -- the gateway's id of the click that set the current vote (a log line leads to it)
    vote_id         text NOT NULL,
    -- when the technician clicked: an older click processed late never replaces a newer one
    voted_at        timestamptz NOT NULL,
    -- how many clicks changed the vote after the first (a technician who changes their mind)
    changes         integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, enhancement_id),
    CONSTRAINT enhancement_feedback_tenant_id_not_empty CHECK (tenant_id <> '')
);
CREATE INDEX enhancement_feedback_tenant_updated ON enhancement_feedback (tenant_id, updated_at DESC);

ALTER TABLE enhancement_feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE enhancement_feedback FORCE ROW LEVEL SECURITY;
-- NULLIF: an empty context ('' on a pooled connection) reads and writes nothing (V5)
CREATE POLICY tenant_isolation ON enhancement_feedback
    USING (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')));
