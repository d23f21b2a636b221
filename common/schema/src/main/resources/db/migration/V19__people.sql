-- People (docs/people-and-access.md): user accounts, their sign-in sessions and failed sign-ins.
-- Only tenant-service reads or writes these tables (ServiceGrants); every other service learns
-- about people from the signed access tokens and the revoked-sessions feed tenant-service publishes.

-- ---------------------------------------------------------------------------------------------
-- Users. MSP staff (admin, operator, viewer) have no tenant; tenant users (tenant_admin,
-- tenant_viewer) belong to exactly one. A tenant user's row is tenant data: forced row-level
-- security with the usual tenant_isolation policy. A staff row (tenant_id NULL) is visible only
-- outside any tenant's context AND when the transaction says it works on staff accounts
-- (app.staff_scope = 'on', set transaction-locally by tenant-service): an empty context reads
-- nothing of either kind. A deleted user keeps its row (the audit trail names it by id) with its
-- password hash cleared; its e-mail address is free again.
CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role           text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'tenant_admin', 'tenant_viewer')),
    tenant_id      text REFERENCES tenant_configs (tenant_id) CHECK (tenant_id <> ''),
    password_hash  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text,
    disabled_at    timestamptz,
    deleted_at     timestamptz,
    CONSTRAINT users_staff_have_no_tenant CHECK (
        (role IN ('admin', 'operator', 'viewer') AND tenant_id IS NULL)
        OR (role IN ('tenant_admin', 'tenant_viewer') AND tenant_id IS NOT NULL))
);
-- one live account per address, whatever its case, across staff and every tenant
CREATE UNIQUE INDEX users_email_unique ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX users_tenant ON users (tenant_id, created_at) WHERE tenant_id IS NOT NULL;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')));
CREATE POLICY staff_accounts ON users
    USING (tenant_id IS NULL
           AND (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')) IS NULL
           AND (SELECT current_setting('app.staff_scope', true)) = 'on')
    WITH CHECK (tenant_id IS NULL
           AND (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')) IS NULL
           AND (SELECT current_setting('app.staff_scope', true)) = 'on');

-- ---------------------------------------------------------------------------------------------
-- Sign-in sessions: one per access token issued (sid claim). Platform records like audit_log, not
-- tenant data (ids and times only), so not tenant-scoped: the revoked-sessions feed lists them
-- across tenants. A row is kept until its token has been expired for longer than the feed's
-- retention (tenant-service deletes older ones as it goes).
CREATE TABLE user_sessions (
    sid         uuid PRIMARY KEY,
    user_id     uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX user_sessions_user ON user_sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX user_sessions_revoked ON user_sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX user_sessions_expires ON user_sessions (expires_at);

-- Deleting a user's row (a tenant's erasure deletes its users) revokes its live sessions first,
-- so the feed tells every service.
CREATE FUNCTION users_revoke_sessions() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE user_sessions SET revoked_at = clock_timestamp()
     WHERE user_id = OLD.id AND revoked_at IS NULL AND expires_at > now();
    RETURN OLD;
END
$$;
CREATE TRIGGER users_revoke_sessions BEFORE DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_revoke_sessions();

-- ---------------------------------------------------------------------------------------------
-- Failed sign-ins, for throttling per account and per client address across replicas. The
-- account is kept as the SHA-256 of the lower-cased address typed (whatever was typed, existing
-- or not: someone may type a password into the e-mail field). Rows older than the throttling
-- window are deleted as new failures arrive.
CREATE TABLE sign_in_failures (
    account_sha256  text NOT NULL CHECK (account_sha256 ~ '^[0-9a-f]{64}$'),
    client_address  text NOT NULL,
    failed_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX sign_in_failures_account ON sign_in_failures (account_sha256, failed_at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (client_address, failed_at);
CREATE INDEX sign_in_failures_age ON sign_in_failures (failed_at);

-- ---------------------------------------------------------------------------------------------
-- Sign-in must find an account by e-mail before it knows the tenant. This SECURITY DEFINER
-- function answers exactly that: the one live account with that address (any case), with what
-- sign-in needs and its tenant's status. Owned by ${registry_role} (NOLOGIN), which reads these
-- columns through its own policy; only tenant-service may execute it (ServiceGrants).
CREATE FUNCTION user_sign_in_record(p_email text)
    RETURNS TABLE (id uuid, email text, role text, tenant_id text, password_hash text, disabled boolean,
                   tenant_status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id, u.email, u.role, u.tenant_id, u.password_hash, u.disabled_at IS NOT NULL, t.status
      FROM users u LEFT JOIN tenant_configs t ON t.tenant_id = u.tenant_id
     WHERE lower(u.email) = lower(p_email) AND u.deleted_at IS NULL
     LIMIT 1
$$;
CREATE POLICY registry_sign_in ON users FOR SELECT TO ${registry_role} USING (true);

GRANT CREATE ON SCHEMA public TO ${registry_role};
ALTER FUNCTION user_sign_in_record(text) OWNER TO ${registry_role};
REVOKE CREATE ON SCHEMA public FROM ${registry_role};
REVOKE ALL ON FUNCTION user_sign_in_record(text) FROM PUBLIC;
