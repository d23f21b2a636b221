-- The operator's tenant listing shows the ServiceDesk Plus MSP fields as the single-tenant view
-- does: servicedesk_msp (the accounts covered, gate 3's test account and site) and context_scope.
-- Neither is a secret. The result type changes, so the function is dropped and created again, then
-- handed back to the registry role as in V1 (ServiceGrants re-grants EXECUTE on every migrate).
DROP FUNCTION registry_list_tenants(text, integer, integer);

CREATE FUNCTION registry_list_tenants(p_status text, p_limit integer, p_offset integer)
    RETURNS TABLE (tenant_id text, name text, tier text, status text, admin_contact_email text,
                   servicedesk_url text, servicedesk_edition text, webhook_auth_mode text,
                   enhancement_preferences jsonb, rate_limits jsonb,
                   created_at timestamptz, updated_at timestamptz,
                   servicedesk_msp jsonb, context_scope text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.tenant_id, t.name, t.tier, t.status, t.admin_contact_email, t.servicedesk_url,
           t.servicedesk_edition, t.webhook_auth_mode, t.enhancement_preferences, t.rate_limits,
           t.created_at, t.updated_at, t.servicedesk_msp, t.context_scope
      FROM tenant_configs t
     WHERE p_status IS NULL OR t.status = p_status
     ORDER BY t.created_at, t.tenant_id
     LIMIT least(greatest(p_limit, 1), 1000) OFFSET greatest(p_offset, 0)
$$;

-- (a new owner needs CREATE on the schema for the moment of the change, as in V1)
GRANT CREATE ON SCHEMA public TO ${registry_role};
ALTER FUNCTION registry_list_tenants(text, integer, integer) OWNER TO ${registry_role};
REVOKE CREATE ON SCHEMA public FROM ${registry_role};
REVOKE ALL ON FUNCTION registry_list_tenants(text, integer, integer) FROM PUBLIC;
