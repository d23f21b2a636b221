-- enhancement-worker: a compact, packed copy of each tenant's ticket embeddings, so that loading a
-- tenant's vectors into a worker's memory (a cold load) reads a few large rows instead of one row
-- per ticket (docs/retrieval.md#packed-sign-bits-and-the-exact-rescoring). Derived data: rebuilt
-- from ticket_history.embedding by the worker's backfill; a load that finds none (or a stale one)
-- reads ticket_history itself and asks for a rebuild. Tenant data like its source (the ids are the
-- tenant's ticket ids), so RLS as on every tenant table, and erased with the tenant (tenant-service's
-- catalog-driven purge finds the table by its tenant_id column). Not exported: an import rebuilds it.
--
-- One build of a tenant's source is chunks 0..n-1, all written by one transaction with one built_at:
-- ids:   the rows' ids, each a 2-byte big-endian length then its UTF-8 bytes
-- signs: 48 bytes per row, in the ids' order: the sign bits of the 384 components (bit i of the
--        row's six big-endian 64-bit words set when component i > 0)
-- built_at: the time the rebuild read the embeddings; a load catches up with the rows embedded
--        since (less an overlap), as a cached tenant does
CREATE TABLE vector_packs (
    tenant_id   text NOT NULL,
    -- 'tickets' (ticket_history's resolved, embedded rows)
    source      text NOT NULL,
    chunk       integer NOT NULL,
    built_at    timestamptz NOT NULL,
    row_count   integer NOT NULL,
    ids         bytea NOT NULL,
    signs       bytea NOT NULL,
    PRIMARY KEY (tenant_id, source, chunk),
    CONSTRAINT vector_packs_tenant_id_not_empty CHECK (tenant_id <> '')
);
-- the sign bits do not compress and are read whole: stored out of line, uncompressed
ALTER TABLE vector_packs ALTER COLUMN ids SET STORAGE EXTERNAL, ALTER COLUMN signs SET STORAGE EXTERNAL;

ALTER TABLE vector_packs ENABLE ROW LEVEL SECURITY;
ALTER TABLE vector_packs FORCE ROW LEVEL SECURITY;
-- NULLIF: an empty context ('' on a pooled connection) reads and writes nothing (V5)
CREATE POLICY tenant_isolation ON vector_packs
    USING (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')));
