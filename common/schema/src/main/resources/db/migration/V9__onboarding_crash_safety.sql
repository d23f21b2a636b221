-- Crash safety of the onboarding saga (docs/api/provisioning-service.md, docs/runbooks/onboarding.md).

-- 1. Which onboarding created a tenant, so tenant-service's create is idempotent on it: a repeat
--    with the same onboarding id (its first answer was lost) returns the same tenant; another
--    onboarding id for an existing tenant is refused (409 tenant_exists).
ALTER TABLE tenant_configs ADD COLUMN created_by_onboarding uuid;

-- 2. A rollback has states of its own: once it starts only DELETE is accepted.
ALTER TABLE onboardings DROP CONSTRAINT onboardings_status_check;
ALTER TABLE onboardings ADD CONSTRAINT onboardings_status_check
    CHECK (status IN ('running', 'succeeded', 'failed', 'rolling_back', 'rollback_failed', 'rolled_back'));

-- 3. Fencing token: every claim of a run increments it, and every step or status write checks
--    it (under a row lock), so a runner that lost its lease can no longer write.
ALTER TABLE onboardings ADD COLUMN fence bigint NOT NULL DEFAULT 0;

-- 4. At most one onboarding per tenant id that is not rolled back. Older databases may hold
--    duplicates (nothing prevented them): say which, rather than fail with an index error.
DO $$
DECLARE
    dup text;
BEGIN
    SELECT string_agg(target_tenant_id, ', ') INTO dup FROM (
        SELECT target_tenant_id FROM onboardings WHERE status <> 'rolled_back'
         GROUP BY target_tenant_id HAVING count(*) > 1) d;
    IF dup IS NOT NULL THEN
        RAISE EXCEPTION 'several onboardings that are not rolled back exist for tenant(s) %: roll back'
            ' (DELETE /v1/onboardings/{id}) all but one of each, then migrate again', dup;
    END IF;
END
$$;
CREATE UNIQUE INDEX onboardings_one_live_per_tenant ON onboardings (target_tenant_id)
    WHERE status <> 'rolled_back';

-- 5. The tenant context for writes that must not outlive their tenant (an import page committed
--    after a purge or offboard would leave rows behind): refuses unknown and offboarded tenants,
--    and holds a shared transaction lock on the tenant's data that tenant-service's purge and
--    erase take exclusively, so either the page commits first and is erased with the rest, or
--    the purge commits first and the page is refused. Each statement of a volatile function takes
--    a fresh snapshot, so the check below sees a purge that committed while we waited.
CREATE FUNCTION set_live_tenant_context(p_tenant_id text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('tenant-data:' || p_tenant_id, 0));
    IF NOT EXISTS (SELECT 1 FROM tenant_configs
                   WHERE tenant_id = p_tenant_id AND status <> 'offboarded') THEN
        RAISE EXCEPTION 'unknown or offboarded tenant' USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM set_config('app.current_tenant_id', p_tenant_id, true);
END
$$;
-- (a new owner needs CREATE on the schema for the moment of the change, as in V1)
GRANT CREATE ON SCHEMA public TO ${registry_role};
ALTER FUNCTION set_live_tenant_context(text) OWNER TO ${registry_role};
REVOKE CREATE ON SCHEMA public FROM ${registry_role};
REVOKE ALL ON FUNCTION set_live_tenant_context(text) FROM PUBLIC;

-- 6. The ticket-history import is now a step before the gates (it was a best-effort start after
--    activation): renamed, and every step renumbered to the new order (in two passes, as
--    (onboarding_id, ordinal) is unique at every row).
UPDATE onboarding_steps SET name = 'import_ticket_history' WHERE name = 'start_ticket_history_import';
UPDATE onboarding_steps SET ordinal = ordinal + 1000;
UPDATE onboarding_steps SET ordinal = CASE name
    WHEN 'create_tenant' THEN 0 WHEN 'mark_configured' THEN 1 WHEN 'provision_kubernetes' THEN 2
    WHEN 'import_ticket_history' THEN 3 WHEN 'run_gates' THEN 4 WHEN 'activate' THEN 5
    WHEN 'delete_kubernetes' THEN 6 WHEN 'remove_tenant' THEN 7 END;
