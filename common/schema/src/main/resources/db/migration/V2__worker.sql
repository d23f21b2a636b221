-- enhancement-worker: the resumable import of a tenant's resolved SDP requests into
-- ticket_history. One row per tenant holds the cursor (SDP list start_index), so an import that
-- stops (restart, SDP outage) resumes where it was instead of starting over.
CREATE TABLE ticket_import_state (
    tenant_id         text PRIMARY KEY,
    -- who asked for the import (operator token name, or 'onboarding'); free text, first NOT NULL
    -- text column, so gate 1's catalog-driven canary rows can carry their marker here
    started_by        text NOT NULL DEFAULT 'system',
    status            text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
    next_start_index  integer NOT NULL DEFAULT 1 CHECK (next_start_index >= 1),
    pages             integer NOT NULL DEFAULT 0,
    imported          integer NOT NULL DEFAULT 0,
    skipped           integer NOT NULL DEFAULT 0,
    error             text,
    started_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz
);

ALTER TABLE ticket_import_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_import_state FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_import_state
    USING (tenant_id = (SELECT current_setting('app.current_tenant_id', true)))
    WITH CHECK (tenant_id = (SELECT current_setting('app.current_tenant_id', true)));

-- Similar-ticket and KB retrieval read these GIN indexes on every job. With fastupdate (the
-- default) new entries wait in a pending list that every search scans linearly until a vacuum
-- merges it (up to gin_pending_list_limit, 4 MB: tens of milliseconds per query after a bulk
-- import). Writes here are one row per processed ticket or a 100-row import page, so merging at
-- insert time costs little and keeps reads flat.
ALTER INDEX ticket_history_search SET (fastupdate = off);
ALTER INDEX kb_articles_search SET (fastupdate = off);
