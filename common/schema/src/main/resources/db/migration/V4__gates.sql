-- gates-runner: find a gate run's tenant from its run id alone, for GET /v1/gate-runs/{run_id}.
-- gate_runs is tenant-scoped and the runtime role sees nothing without a tenant context, so, as
-- with the registry (V1), a narrow SECURITY DEFINER function owned by ${registry_role} answers
-- exactly one question (which tenant a run id belongs to) and nothing else. The runtime role is not
-- a member of ${registry_role}: its own queries on gate_runs stay isolated.
GRANT SELECT (run_id, tenant_id) ON gate_runs TO ${registry_role};
CREATE POLICY registry_run_lookup ON gate_runs FOR SELECT TO ${registry_role} USING (true);

CREATE FUNCTION gate_run_tenant(p_run_id text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT g.tenant_id FROM gate_runs g WHERE g.run_id = p_run_id LIMIT 1
$$;

-- Lookups by run id (the unique key leads with tenant_id, so it does not serve them).
CREATE INDEX gate_runs_run_id ON gate_runs (run_id);

GRANT CREATE ON SCHEMA public TO ${registry_role};
ALTER FUNCTION gate_run_tenant(text) OWNER TO ${registry_role};
REVOKE CREATE ON SCHEMA public FROM ${registry_role};
REVOKE ALL ON FUNCTION gate_run_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gate_run_tenant(text) TO ${runtime_role};
