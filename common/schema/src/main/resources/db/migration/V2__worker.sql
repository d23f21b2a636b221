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

-- ---------------------------------------------------------------------------------------------
-- Similar-ticket search under forced RLS. Text-search matching (@@, ts_match_vq) is not
-- LEAKPROOF, so for the runtime role PostgreSQL must evaluate it only after the policy qual and
-- cannot use it in an index condition: the (tenant_id, search_vector) GIN index then narrows by
-- tenant only and every one of the tenant's rows is rechecked at the heap (0.5 s at 100k rows
-- per tenant). Marking the operator leakproof needs a superuser. Instead, as for the registry
-- (docs/rls.md), a NOLOGIN role made for it owns one narrow SECURITY DEFINER function that
-- returns candidate ticket ids and ranks for the tenant set in the CURRENT TRANSACTION only
-- (current_setting, never an argument): no context, no rows. The runtime role may only EXECUTE
-- it; it is not a member of the role, and its own queries stay under tenant_isolation.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${runtime_role}_search') THEN
        CREATE ROLE ${runtime_role}_search NOLOGIN NOINHERIT;
    END IF;
    IF NOT pg_has_role(current_user, '${runtime_role}_search', 'MEMBER') THEN
        EXECUTE 'GRANT ${runtime_role}_search TO ' || quote_ident(current_user);
    END IF;
END
$$;

GRANT SELECT (tenant_id, ticket_id, resolution, search_vector) ON ticket_history TO ${runtime_role}_search;
-- The function filters by the transaction's tenant itself; this policy only lets its owner read
-- through forced RLS without the security-barrier ordering that defeats the index.
CREATE POLICY similar_search ON ticket_history FOR SELECT TO ${runtime_role}_search USING (true);

CREATE FUNCTION similar_ticket_candidates(p_any tsquery, p_strict tsquery, p_strict_limit integer,
                                          p_any_limit integer, p_exclude text)
    RETURNS TABLE (ticket_id text, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    -- a LIMIT tempts the planner into a sequential or primary-key scan that reads a tenant's rows
    -- (or other tenants') looking for matches; the GIN bitmap is always the right path here
    SET enable_seqscan = off
    SET enable_indexscan = off AS $$
    (SELECT h.ticket_id, ts_rank(h.search_vector, p_any)
       FROM ticket_history h
      WHERE h.tenant_id = (SELECT current_setting('app.current_tenant_id', true))
        AND h.search_vector @@ p_strict AND h.resolution <> '' AND h.ticket_id <> p_exclude
      LIMIT greatest(p_strict_limit, 0))
    UNION ALL
    (SELECT h.ticket_id, ts_rank(h.search_vector, p_any)
       FROM ticket_history h
      WHERE h.tenant_id = (SELECT current_setting('app.current_tenant_id', true))
        AND h.search_vector @@ p_any AND h.resolution <> '' AND h.ticket_id <> p_exclude
      LIMIT greatest(p_any_limit, 0))
$$;

GRANT CREATE ON SCHEMA public TO ${runtime_role}_search;
ALTER FUNCTION similar_ticket_candidates(tsquery, tsquery, integer, integer, text) OWNER TO ${runtime_role}_search;
REVOKE CREATE ON SCHEMA public FROM ${runtime_role}_search;
REVOKE ALL ON FUNCTION similar_ticket_candidates(tsquery, tsquery, integer, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION similar_ticket_candidates(tsquery, tsquery, integer, integer, text) TO ${runtime_role};
