package com.aiagents.platform.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every privilege any role other than the owner holds in the schema, declared in one table
 * ({@link #GRANTS}) and re-applied after every migration: first every grant on every table,
 * sequence and function of the schema (PUBLIC's included) is revoked, then exactly these are
 * given. A table, sequence or function not named here is therefore reachable by the owner only,
 * until someone decides who needs it (the privilege-matrix test fails the build until then).
 * docs/rls.md explains each line.
 */
public final class ServiceGrants {
    /** Who a grant goes to: a service's login role, or one of the two NOLOGIN function owners. */
    public enum Grantee {
        TENANT_SERVICE, ENHANCEMENT_WORKER, GATES_RUNNER, PROVISIONING_SERVICE,
        /** owns set_tenant_context, set_live_tenant_context, registry_list_tenants, gate_run_tenant and user_sign_in_record. */
        REGISTRY,
        /** owns similar_ticket_candidates. */
        SEARCH
    }

    /** {@code GRANT <privileges> ON <object> TO <grantee>}. */
    public record Grant(Grantee grantee, String privileges, String object) {
    }

    private static final String REGISTRY_COLUMNS = "tenant_id, name, tier, status, admin_contact_email, "
            + "servicedesk_url, servicedesk_edition, webhook_auth_mode, enhancement_preferences, rate_limits, "
            + "created_at, updated_at, servicedesk_msp, context_scope";
    /** What user_sign_in_record (V19) reads of every account. */
    private static final String SIGN_IN_COLUMNS = "id, email, role, tenant_id, password_hash, disabled_at, deleted_at";
    private static final List<String> WORKER_TABLES = List.of(
            "enhancement_history", "ticket_history", "kb_articles", "system_inventory", "ticket_import_state",
            // technicians' votes on notes (V12): the worker stores them, tenant-service purges them
            "enhancement_feedback", "webhook_reconciliation",
            // the packed sign bits of a tenant's ticket embeddings (V23), derived from ticket_history
            "vector_packs");

    public static final List<Grant> GRANTS = declare();

    private static List<Grant> declare() {
        List<Grant> g = new ArrayList<>();
        for (Grantee everyone : List.of(Grantee.values())) {
            g.add(new Grant(everyone, "USAGE", "SCHEMA public"));
        }
        for (Grantee service : List.of(Grantee.TENANT_SERVICE, Grantee.ENHANCEMENT_WORKER, Grantee.GATES_RUNNER,
                Grantee.PROVISIONING_SERVICE)) {
            // the start-up role check and the activation check read which role is which
            g.add(new Grant(service, "SELECT", "TABLE platform_roles"));
        }

        // tenant-service: the registry (sole writer), the audit trail (append-only), the activation
        // evidence (read), and the purge/offboard of a tenant's rows in every tenant table (it never
        // reads their content: tenant_id is the only column its DELETE ... WHERE needs).
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE tenant_configs"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT", "TABLE audit_log"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "USAGE", "SEQUENCE audit_log_id_seq"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, DELETE", "TABLE gate_runs"));
        for (String table : WORKER_TABLES) {
            g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT (tenant_id), DELETE", "TABLE " + table));
        }
        // prompt bundles (V11): tenant-service alone stores them and composes the prompt the worker
        // fetches over its API; the global bundle is platform configuration (its API: admin only),
        // a tenant's overlay is tenant data (RLS), deleted with the tenant's other rows on purge/offboard
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE", "TABLE global_prompt_bundles"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE tenant_prompt_bundles"));
        // welcome e-mails (V18): tenant-service alone issues them, redeems their one-time links and erases them
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE welcome_emails"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "EXECUTE", "FUNCTION registry_list_tenants(text, integer, integer)"));
        // people (V19): tenant-service alone keeps the accounts (tenant users under RLS; DELETE for a
        // tenant's erasure, an API deletion only marks the row), their sessions and failed sign-ins,
        // and finds an account by e-mail at sign-in through the registry's definer function
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE users"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE user_sessions"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, DELETE", "TABLE sign_in_failures"));
        // one-time sign-in links (V27): tenant-service alone issues and redeems them (codes as SHA-256 only)
        g.add(new Grant(Grantee.TENANT_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE sign_in_links"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "EXECUTE", "FUNCTION user_sign_in_record(text)"));
        g.add(new Grant(Grantee.TENANT_SERVICE, "EXECUTE", "FUNCTION set_tenant_context(text)"));

        // enhancement-worker: its history, the context sources it imports and loads, the import cursor.
        for (String table : WORKER_TABLES) {
            g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "SELECT, INSERT, UPDATE", "TABLE " + table));
        }
        g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "USAGE", "SEQUENCE enhancement_history_id_seq"));
        // a rebuild of a tenant's packs replaces its chunks (their number changes with the tenant's size)
        g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "DELETE", "TABLE vector_packs"));
        g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "EXECUTE",
                "FUNCTION similar_ticket_candidates(tsquery, tsquery, integer, integer, text)"));
        // data loads by hand and the local run's demo seed set the context through it
        g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "EXECUTE", "FUNCTION set_tenant_context(text)"));
        // the ticket-history import's pages: refused for an unknown or offboarded tenant, and
        // serialized with tenant-service's erase of a tenant (V9)
        g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "EXECUTE", "FUNCTION set_live_tenant_context(text)"));
        // a tenant user's reads (docs/people-and-access.md): whether the tenant it asks about is its
        // own is decided by the registry record being visible under its tenant's RLS, not by a comparison
        g.add(new Grant(Grantee.ENHANCEMENT_WORKER, "SELECT (tenant_id)", "TABLE tenant_configs"));

        // gates-runner: the only writer of gate_runs (never UPDATE/DELETE); the registry's
        // non-secret columns (gate 1 and the tenant checks); the worker's tables, where gate 1
        // writes its canary rows, probes across tenants and removes them again.
        g.add(new Grant(Grantee.GATES_RUNNER, "SELECT, INSERT", "TABLE gate_runs"));
        g.add(new Grant(Grantee.GATES_RUNNER, "USAGE", "SEQUENCE gate_runs_id_seq"));
        g.add(new Grant(Grantee.GATES_RUNNER, "SELECT (" + REGISTRY_COLUMNS + ")", "TABLE tenant_configs"));
        // gate 1 probes every SECURITY DEFINER function across tenants, so it must be able to call
        // each; none gives it more than it already reads (each answers within the caller's tenant
        // context, or shows only the registry's non-secret columns it may SELECT anyway)
        for (String function : List.of("set_tenant_context(text)", "set_live_tenant_context(text)",
                "registry_list_tenants(text, integer, integer)",
                "similar_ticket_candidates(tsquery, tsquery, integer, integer, text)")) {
            g.add(new Grant(Grantee.GATES_RUNNER, "EXECUTE", "FUNCTION " + function));
        }
        for (String table : WORKER_TABLES) {
            g.add(new Grant(Grantee.GATES_RUNNER, "SELECT, INSERT, UPDATE, DELETE", "TABLE " + table));
        }
        g.add(new Grant(Grantee.GATES_RUNNER, "USAGE", "SEQUENCE enhancement_history_id_seq"));
        g.add(new Grant(Grantee.GATES_RUNNER, "EXECUTE", "FUNCTION gate_run_tenant(text)"));

        // provisioning-service: its onboarding sagas (platform records, not tenant data).
        g.add(new Grant(Grantee.PROVISIONING_SERVICE, "SELECT, INSERT, UPDATE, DELETE", "TABLE onboardings"));
        g.add(new Grant(Grantee.PROVISIONING_SERVICE, "SELECT, INSERT, UPDATE", "TABLE onboarding_steps"));
        // a tenant user's read of its Kubernetes status: its own tenant's registry record, under RLS
        g.add(new Grant(Grantee.PROVISIONING_SERVICE, "SELECT (tenant_id)", "TABLE tenant_configs"));

        // the SECURITY DEFINER functions' owners read only what those functions return
        g.add(new Grant(Grantee.REGISTRY, "SELECT (" + REGISTRY_COLUMNS + ")", "TABLE tenant_configs"));
        g.add(new Grant(Grantee.REGISTRY, "SELECT (run_id, tenant_id)", "TABLE gate_runs"));
        g.add(new Grant(Grantee.REGISTRY, "SELECT (" + SIGN_IN_COLUMNS + ")", "TABLE users"));
        // account: similar_ticket_candidates keeps to the ticket's account when one is set (V15)
        g.add(new Grant(Grantee.SEARCH, "SELECT (tenant_id, ticket_id, resolution, search_vector, account)",
                "TABLE ticket_history"));
        return List.copyOf(g);
    }

    private final Connection connection;
    private final Map<Grantee, String> roles;

    /** {@code roles}: the actual role name of every grantee; {@code connection}: the owner's. */
    ServiceGrants(Connection connection, Map<Grantee, String> roles) {
        this.connection = connection;
        this.roles = roles;
    }

    void apply() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            for (String revoke : revocations(st)) {
                st.execute(revoke);
            }
            for (Grant grant : GRANTS) {
                st.execute("GRANT " + grant.privileges() + " ON " + grant.object() + " TO "
                        + quote(roles.get(grant.grantee())));
            }
        }
    }

    /** REVOKE ALL for every grantee (PUBLIC too) other than the owner, on every object of the schema. */
    private static List<String> revocations(Statement st) throws SQLException {
        List<String> statements = new ArrayList<>();
        String granteesOf = "SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END "
                + "FROM aclexplode(%s) a LEFT JOIN pg_roles r ON r.oid = a.grantee WHERE a.grantee <> %s";
        String sql = "SELECT 'REVOKE ALL ON ' || CASE c.relkind WHEN 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END "
                + "|| quote_ident(c.relname) || ' FROM ' || g.grantee FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "CROSS JOIN LATERAL (" + granteesOf.formatted("c.relacl", "c.relowner") + ") AS g(grantee) "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                + "UNION ALL "
                // column grants live in pg_attribute; REVOKE ALL ON TABLE removes them too
                + "SELECT DISTINCT 'REVOKE ALL ON TABLE ' || quote_ident(c.relname) || ' FROM ' || g.grantee "
                + "FROM pg_attribute at JOIN pg_class c ON c.oid = at.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "CROSS JOIN LATERAL (" + granteesOf.formatted("at.attacl", "c.relowner") + ") AS g(grantee) "
                + "WHERE n.nspname = 'public' AND at.attacl IS NOT NULL "
                + "UNION ALL "
                // functions: PUBLIC holds EXECUTE by default (a NULL acl), so revoke it explicitly;
                // extension members (btree_gin) are left as their extension made them
                + "SELECT 'REVOKE ALL ON FUNCTION ' || p.oid::regprocedure || ' FROM ' || g.grantee "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "CROSS JOIN LATERAL (SELECT 'PUBLIC' UNION "
                + granteesOf.formatted("p.proacl", "p.proowner") + ") AS g(grantee) "
                + "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                + "WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')";
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                statements.add(rs.getString(1));
            }
        }
        return statements;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
