-- Least privilege: one role per service (granted by ServiceGrants after every migration), an empty
-- tenant context that reads and writes nothing, and gate evidence nobody but gates-runner can write.
-- Placeholders: ${registry_role} and ${search_role}, the NOLOGIN owners of the SECURITY DEFINER
-- functions, derived from tenant-service's and the worker's role names (docs/rls.md).

-- ---------------------------------------------------------------------------------------------
-- Which role is which service's, and which role migrated. Written by the migrator only; the
-- services read it (their start-up role check, tenant-service's activation check), and the
-- gate_runs delete trigger uses it to recognise tenant-service.
CREATE TABLE platform_roles (
    service    text PRIMARY KEY
        CHECK (service IN ('tenant-service', 'enhancement-worker', 'gates-runner', 'provisioning-service',
                           'migration')),
    role_name  text NOT NULL
);

-- ---------------------------------------------------------------------------------------------
-- An empty context: a pooled connection reads '' (not NULL) once a transaction-local setting has
-- been made on it. NULLIF turns '' into NULL, and tenant_id = NULL is never true: zero rows, and
-- every write fails its WITH CHECK. Every existing tenant_isolation policy is replaced.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT DISTINCT p.tablename FROM pg_policies p
              WHERE p.schemaname = 'public' AND p.policyname = 'tenant_isolation'
    LOOP
        EXECUTE format('DROP POLICY tenant_isolation ON %I', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I'
            ' USING (tenant_id = (SELECT NULLIF(current_setting(''app.current_tenant_id'', true), '''')))'
            ' WITH CHECK (tenant_id = (SELECT NULLIF(current_setting(''app.current_tenant_id'', true), '''')))', t);
    END LOOP;
END
$$;

-- The similar-ticket function reads the context itself: the same rule.
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
        AND h.search_vector @@ p_strict AND h.resolution <> '' AND h.ticket_id <> p_exclude
      LIMIT greatest(p_strict_limit, 0))
    UNION ALL
    (SELECT h.ticket_id, ts_rank(h.search_vector, p_any)
       FROM ticket_history h
      WHERE h.tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), ''))
        AND h.search_vector @@ p_any AND h.resolution <> '' AND h.ticket_id <> p_exclude
      LIMIT greatest(p_any_limit, 0))
$$;

-- ---------------------------------------------------------------------------------------------
-- The SECURITY DEFINER functions' owners, derived from the new service roles. On a database first
-- migrated with one shared runtime role this hands the functions and their policies over; on a new
-- database it restates what V1, V2 and V4 did.
GRANT CREATE ON SCHEMA public TO ${registry_role}, ${search_role};
ALTER FUNCTION set_tenant_context(text) OWNER TO ${registry_role};
ALTER FUNCTION registry_list_tenants(text, integer, integer) OWNER TO ${registry_role};
ALTER FUNCTION gate_run_tenant(text) OWNER TO ${registry_role};
ALTER FUNCTION similar_ticket_candidates(tsquery, tsquery, integer, integer, text) OWNER TO ${search_role};
REVOKE CREATE ON SCHEMA public FROM ${registry_role}, ${search_role};

DROP POLICY registry_read ON tenant_configs;
CREATE POLICY registry_read ON tenant_configs FOR SELECT TO ${registry_role} USING (true);
DROP POLICY registry_run_lookup ON gate_runs;
CREATE POLICY registry_run_lookup ON gate_runs FOR SELECT TO ${registry_role} USING (true);
DROP POLICY similar_search ON ticket_history;
CREATE POLICY similar_search ON ticket_history FOR SELECT TO ${search_role} USING (true);

-- ---------------------------------------------------------------------------------------------
-- audit_log is append-only for everyone, the owner included: TRUNCATE is refused as well.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- ---------------------------------------------------------------------------------------------
-- When a tenant first went live, set by the database and never cleared. A registry row that went
-- live is never deleted (offboarding keeps a tombstone) and its id never changes, so "this tenant
-- never went live" is a fact the gate_runs delete rule below can rely on.
ALTER TABLE tenant_configs ADD COLUMN went_live_at timestamptz;

-- The owner is subject to the forced policy too; lift it for this one backfill, in this transaction.
ALTER TABLE tenant_configs NO FORCE ROW LEVEL SECURITY;
UPDATE tenant_configs t
   SET went_live_at = coalesce(
           (SELECT min(a.occurred_at) FROM audit_log a
             WHERE a.target_tenant_id = t.tenant_id AND a.action = 'tenant.status_changed'
               AND a.details->>'to' = 'active'),
           t.updated_at)
 WHERE t.status IN ('active', 'suspended')
    OR EXISTS (SELECT 1 FROM audit_log a
                WHERE a.target_tenant_id = t.tenant_id AND a.action = 'tenant.status_changed'
                  AND a.details->>'to' = 'active');
ALTER TABLE tenant_configs FORCE ROW LEVEL SECURITY;

CREATE FUNCTION tenant_configs_went_live() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.tenant_id <> OLD.tenant_id THEN
            RAISE EXCEPTION 'a tenant''s id never changes' USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.went_live_at := OLD.went_live_at;
    ELSE
        NEW.went_live_at := NULL;
    END IF;
    IF NEW.went_live_at IS NULL AND NEW.status = 'active' THEN
        NEW.went_live_at := now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tenant_configs_went_live BEFORE INSERT OR UPDATE ON tenant_configs
    FOR EACH ROW EXECUTE FUNCTION tenant_configs_went_live();

CREATE FUNCTION tenant_configs_keep_live_tenants() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF OLD.went_live_at IS NOT NULL THEN
        RAISE EXCEPTION 'tenant % went live: its registry row is kept (offboard it instead)', OLD.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER tenant_configs_keep_live_tenants BEFORE DELETE ON tenant_configs
    FOR EACH ROW EXECUTE FUNCTION tenant_configs_keep_live_tenants();

-- ---------------------------------------------------------------------------------------------
-- gate_runs: evidence, so the database says who wrote a row and when. recorded_by is the role
-- that inserted it and finished_at the inserting transaction's time, whatever the writer sent;
-- tenant-service activates only on rows recorded by gates-runner's role (platform_roles) and
-- judges their age by now(). Rows written before this migration have no recorded_by and count
-- for nothing.
ALTER TABLE gate_runs ADD COLUMN recorded_by text;
ALTER TABLE gate_runs ALTER COLUMN recorded_by SET DEFAULT current_user;

CREATE FUNCTION gate_runs_stamp() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    NEW.recorded_by := current_user;
    NEW.finished_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER gate_runs_stamp BEFORE INSERT ON gate_runs
    FOR EACH ROW EXECUTE FUNCTION gate_runs_stamp();

CREATE FUNCTION gate_runs_are_immutable() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'gate_runs rows are never updated or truncated' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER gate_runs_no_update BEFORE UPDATE ON gate_runs
    FOR EACH STATEMENT EXECUTE FUNCTION gate_runs_are_immutable();
CREATE TRIGGER gate_runs_no_truncate BEFORE TRUNCATE ON gate_runs
    FOR EACH STATEMENT EXECUTE FUNCTION gate_runs_are_immutable();

-- Deleted only by tenant-service (its purge), and only for a tenant that never went live: no
-- registry row with went_live_at (such a row can be neither deleted, re-keyed nor un-lived).
CREATE FUNCTION gate_runs_delete_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF current_user IS DISTINCT FROM (SELECT r.role_name FROM platform_roles r WHERE r.service = 'tenant-service') THEN
        RAISE EXCEPTION 'gate_runs rows are deleted only by tenant-service''s purge of a tenant that never went live'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM tenant_configs t WHERE t.tenant_id = OLD.tenant_id AND t.went_live_at IS NOT NULL) THEN
        RAISE EXCEPTION 'tenant % went live: its gate runs are kept', OLD.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER gate_runs_delete_guard BEFORE DELETE ON gate_runs
    FOR EACH ROW EXECUTE FUNCTION gate_runs_delete_guard();
