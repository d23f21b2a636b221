-- ServiceDesk Plus MSP edition: one SDP instance holds many customer accounts. A tenant on it
-- says which accounts it covers and where gate 3 raises its test request (servicedesk_msp), and
-- whether a ticket's context comes from its own account only (context_scope 'account', the
-- default for MSP tenants) or from the whole tenant ('tenant').
ALTER TABLE tenant_configs DROP CONSTRAINT tenant_configs_servicedesk_edition_check;
ALTER TABLE tenant_configs ADD CONSTRAINT tenant_configs_servicedesk_edition_check
    CHECK (servicedesk_edition IN ('onprem', 'cloud', 'msp'));
ALTER TABLE tenant_configs ADD COLUMN servicedesk_msp jsonb;
ALTER TABLE tenant_configs ADD COLUMN context_scope text NOT NULL DEFAULT 'tenant'
    CHECK (context_scope IN ('tenant', 'account'));

-- The customer account a row belongs to (MSP tenants; NULL elsewhere). Imported history,
-- processed tickets, KB articles and inventory keep it, and so does every enhancement.
ALTER TABLE ticket_history ADD COLUMN account text;
ALTER TABLE kb_articles ADD COLUMN account text;
ALTER TABLE system_inventory ADD COLUMN account text;
ALTER TABLE enhancement_history ADD COLUMN account text;
CREATE INDEX ticket_history_account ON ticket_history (tenant_id, account);

-- The account scope, enforced by the database like the tenant scope: when a transaction sets
-- app.current_account (transaction-locally, as the worker does for a ticket of an account-scoped
-- tenant), only rows of that account are visible or writable in every table with an account
-- column (gate 1 finds them from the catalog and probes each). Unset or
-- empty (a pooled connection after a transaction-local setting reads '') means no account
-- restriction beyond the tenant's. RESTRICTIVE, so it narrows the tenant policy and every other
-- permissive policy (the search role's too) and can never widen one. It also compares tenant_id,
-- so it is a complete tenant policy in its own right.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['ticket_history', 'kb_articles', 'system_inventory', 'enhancement_history']
    LOOP
        EXECUTE format(
            'CREATE POLICY account_scope ON %I AS RESTRICTIVE'
            ' USING (tenant_id = (SELECT NULLIF(current_setting(''app.current_tenant_id'', true), ''''))'
            ' AND ((SELECT NULLIF(current_setting(''app.current_account'', true), '''')) IS NULL'
            ' OR account = (SELECT NULLIF(current_setting(''app.current_account'', true), ''''))))'
            ' WITH CHECK (tenant_id = (SELECT NULLIF(current_setting(''app.current_tenant_id'', true), ''''))'
            ' AND ((SELECT NULLIF(current_setting(''app.current_account'', true), '''')) IS NULL'
            ' OR account = (SELECT NULLIF(current_setting(''app.current_account'', true), ''''))))', t);
    END LOOP;
END
$$;

-- Similar-ticket candidates honour the account scope in the query itself (not only through the
-- policy), so the top candidates are chosen among the account's tickets and another account's
-- closer matches cannot crowd them out.
CREATE OR REPLACE FUNCTION similar_ticket_candidates(p_any tsquery, p_strict tsquery, p_strict_limit integer,
                                                     p_any_limit integer, p_exclude text)
    RETURNS TABLE (ticket_id text, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET enable_seqscan = off
    SET enable_indexscan = off AS $$
    (SELECT h.ticket_id, ts_rank(h.search_vector, p_any)
       FROM ticket_history h
      WHERE h.tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), ''))
        AND ((SELECT NULLIF(current_setting('app.current_account', true), '')) IS NULL
             OR h.account = (SELECT NULLIF(current_setting('app.current_account', true), '')))
        AND h.search_vector @@ p_strict AND h.resolution <> '' AND h.ticket_id <> p_exclude
      LIMIT greatest(p_strict_limit, 0))
    UNION ALL
    (SELECT h.ticket_id, ts_rank(h.search_vector, p_any)
       FROM ticket_history h
      WHERE h.tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), ''))
        AND ((SELECT NULLIF(current_setting('app.current_account', true), '')) IS NULL
             OR h.account = (SELECT NULLIF(current_setting('app.current_account', true), '')))
        AND h.search_vector @@ p_any AND h.resolution <> '' AND h.ticket_id <> p_exclude
      LIMIT greatest(p_any_limit, 0))
$$;
