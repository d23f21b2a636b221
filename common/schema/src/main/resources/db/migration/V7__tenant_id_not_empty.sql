-- An empty tenant context reads nothing and writes nothing. A pooled connection after a
-- transaction-local set_config reads app.current_tenant_id as '' (not NULL), and the policies
-- compare tenant_id with it, so a row with tenant_id = '' would be readable and writable by any
-- connection without a tenant. No row may have an empty tenant_id: then '' matches no row and
-- every write in that context fails the policy or this check. Found from the catalog, so every
-- tenant-scoped table existing at this version is covered; gate 1 probes the empty context on
-- every table, so a later table without the guard fails it.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
         ORDER BY c.relname
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint
                        WHERE conrelid = format('%I', t)::regclass AND conname = t || '_tenant_id_not_empty') THEN
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (tenant_id <> %L)',
                           t, t || '_tenant_id_not_empty', '');
        END IF;
    END LOOP;
END
$$;
