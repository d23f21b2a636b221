package com.aiagents.platform.common.db;

import com.aiagents.platform.api.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SECURITY DEFINER functions run with their owner's rights, so RLS on the caller does not bound
 * them. Every such function in schema {@code public} (found in the catalog) is either probed here
 * across tenants, with the harness's canary rows, or declared safe with the reason; a new one is
 * a finding until someone decides which. Each must also pin its {@code search_path}.
 * A function the connected role may not execute cannot be probed, so it is a finding too: the gate
 * must not pass on a function it never called.
 */
final class DefinerFunctions {
    static final String SIMILAR_TICKETS = "similar_ticket_candidates(tsquery,tsquery,integer,integer,text)";
    static final String SET_CONTEXT = "set_tenant_context(text)";
    /** set_tenant_context that also holds off a purge of the tenant's data (the import's writes). */
    static final String SET_LIVE_CONTEXT = "set_live_tenant_context(text)";
    static final String LIST_TENANTS = "registry_list_tenants(text,integer,integer)";
    static final String RUN_TENANT = "gate_run_tenant(text)";

    /** Functions that need no probe, with why. */
    static final Map<String, String> DECLARED_SAFE = Map.of(
            "user_sign_in_record(text)", "tenant-service's sign-in lookup of one account by exact e-mail address "
                    + "(V19); executable by tenant-service alone, which keeps the accounts, and reads no tenant's "
                    + "context data (docs/people-and-access.md)");

    /** The registry's non-secret columns: what the listing may show of every tenant. */
    static final Set<String> REGISTRY_COLUMNS = Set.of("tenant_id", "name", "tier", "status", "admin_contact_email",
            "servicedesk_url", "servicedesk_edition", "webhook_auth_mode", "enhancement_preferences", "rate_limits",
            "created_at", "updated_at", "servicedesk_msp", "context_scope");

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final Connection connection;

    DefinerFunctions(Connection connection) {
        this.connection = connection;
    }

    List<DefinerFunctionResult> probe(TenantId tenant, TenantId other, String marker, List<RlsFinding> findings) throws SQLException {
        List<DefinerFunctionResult> probed = new ArrayList<>();
        for (Map.Entry<String, Boolean> fn : catalog().entrySet()) {
            String signature = fn.getKey();
            if (!fn.getValue()) {
                findings.add(new RlsFinding(signature, "definer_search_path", "SECURITY DEFINER function does not "
                        + "pin search_path: a caller's objects could be resolved with the owner's rights"));
            }
            if (DECLARED_SAFE.containsKey(signature)) {
                probed.add(new DefinerFunctionResult(signature, "declared_safe", DECLARED_SAFE.get(signature)));
                continue;
            }
            Probe probe = switch (signature) {
                case SIMILAR_TICKETS -> () -> similarTickets(tenant, other, marker);
                case SET_CONTEXT -> () -> setTenantContext("set_tenant_context", tenant);
                case SET_LIVE_CONTEXT -> () -> setTenantContext("set_live_tenant_context", tenant);
                case LIST_TENANTS -> this::listTenants;
                case RUN_TENANT -> () -> runTenant(tenant, other);
                default -> null;
            };
            if (probe == null) {
                findings.add(new RlsFinding(signature, "definer_undecided", "SECURITY DEFINER function is neither "
                        + "probed by gate 1 nor declared safe: it runs with its owner's rights past RLS; add a probe "
                        + "or declare it safe with the reason"));
                probed.add(new DefinerFunctionResult(signature, "undecided", "neither probed nor declared safe"));
                continue;
            }
            probed.add(run(signature, probe, findings));
        }
        return probed;
    }

    private DefinerFunctionResult run(String signature, Probe probe, List<RlsFinding> findings) throws SQLException {
        connection.setAutoCommit(false);
        try {
            List<String> leaks = probe.run();
            for (String leak : leaks) {
                findings.add(new RlsFinding(signature, "definer_leak", leak));
            }
            return new DefinerFunctionResult(signature, "probed", leaks.isEmpty() ? "no cross-tenant leak" : leaks.get(0));
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                findings.add(new RlsFinding(signature, "definer_not_probed", "the connected role may not execute this "
                        + "SECURITY DEFINER function, so gate 1 cannot probe it across tenants: grant the role EXECUTE "
                        + "on it or declare it safe with the reason"));
                return new DefinerFunctionResult(signature, "not_executable", "the connected role may not execute it");
            }
            findings.add(new RlsFinding(signature, "probe_error", "could not probe the function: " + e.getSQLState()
                    + " " + e.getMessage()));
            return new DefinerFunctionResult(signature, "probe_error", e.getSQLState());
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** Signature to whether it pins search_path. */
    private Map<String, Boolean> catalog() throws SQLException {
        Map<String, Boolean> functions = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT p.oid::regprocedure::text, "
                + "coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=%', false) FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef "
                + "ORDER BY 1");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                functions.put(rs.getString(1).replace(" ", ""), rs.getBoolean(2));
            }
        }
        return functions;
    }

    /**
     * Gives the other tenant's ticket_history canary a resolution (so the function would consider
     * it) and an id of its own (both canaries share the marker), builds a query from its own
     * lexemes, and asks as each context: the owner must find it (else the probe proves nothing),
     * the tenant and an empty context must not.
     */
    private List<String> similarTickets(TenantId tenant, TenantId victim, String marker) throws SQLException {
        List<String> leaks = new ArrayList<>();
        String victimTicket = marker + "-definer-probe";
        String query;
        try (Statement st = connection.createStatement()) {
            RlsHarness.setContext(connection, victim.value());
            int marked = st.executeUpdate("UPDATE ticket_history SET resolution = 'rls canary resolution', ticket_id = "
                    + CanaryRow.quote(victimTicket) + " WHERE tenant_id = " + CanaryRow.quote(victim.value())
                    + " AND ticket_id = " + CanaryRow.quote(marker));
            query = firstString(st, "SELECT string_agg(quote_literal(l), ' | ') FROM ticket_history, "
                    + "unnest(tsvector_to_array(search_vector)) l WHERE tenant_id = " + CanaryRow.quote(victim.value())
                    + " AND ticket_id = " + CanaryRow.quote(victimTicket));
            if (marked != 1 || query == null) {
                leaks.add("could not prepare tenant " + victim + "'s ticket_history canary for the probe: "
                        + "the function cannot be proven");
                return leaks;
            }
        }
        if (!similarIds(query).contains(victimTicket)) {
            leaks.add("tenant " + victim + " does not find its own canary ticket in its own context: "
                    + "the cross-tenant probe would prove nothing");
        }
        RlsHarness.setContext(connection, tenant.value());
        if (similarIds(query).contains(victimTicket)) {
            leaks.add("in tenant " + tenant + "'s context it returned tenant " + victim + "'s ticket");
        }
        RlsHarness.setContext(connection, "");
        if (similarIds(query).contains(victimTicket)) {
            leaks.add("with an empty tenant context ('') it returned tenant " + victim + "'s ticket");
        }
        return leaks;
    }

    private List<String> similarIds(String query) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT ticket_id FROM similar_ticket_candidates(?::tsquery, ?::tsquery, 1000, 1000, '')")) {
            st.setString(1, query);
            st.setString(2, query);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Refuses an unknown tenant and an empty id; sets the context for a known one (the control). */
    private List<String> setTenantContext(String function, TenantId tenant) throws SQLException {
        List<String> leaks = new ArrayList<>();
        for (String refused : List.of("rls-unknown-" + Long.toHexString(System.nanoTime()), "")) {
            if (setContextAccepted(function, refused)) {
                leaks.add(function + " accepted " + (refused.isEmpty() ? "an empty tenant id"
                        : "an unknown tenant " + refused));
            }
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM (SELECT " + function + "(?)) called")) {
            st.setString(1, tenant.value());
            st.execute();
        }
        try (Statement st = connection.createStatement()) {
            String set = firstString(st, "SELECT current_setting('app.current_tenant_id', true)");
            if (!tenant.value().equals(set)) {
                leaks.add(function + "(" + tenant + ") did not set the context to the tenant");
            }
        }
        return leaks;
    }

    private boolean setContextAccepted(String function, String tenantId) throws SQLException {
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("SAVEPOINT definer_probe");
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM (SELECT " + function + "(?)) called")) {
            st.setString(1, tenantId);
            st.execute();
            return true;
        } catch (SQLException refused) {
            if (INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())) {
                throw refused;
            }
            try (Statement rollback = connection.createStatement()) {
                rollback.execute("ROLLBACK TO SAVEPOINT definer_probe");
            }
            return false;
        }
    }

    /** Shows every tenant, so it may show only the registry's non-secret columns. */
    private List<String> listTenants() throws SQLException {
        List<String> leaks = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM registry_list_tenants(NULL, 1, 0)")) {
            ResultSetMetaData meta = rs.getMetaData();
            Set<String> extra = new TreeSet<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!REGISTRY_COLUMNS.contains(meta.getColumnName(i))) {
                    extra.add(meta.getColumnName(i));
                }
            }
            if (!extra.isEmpty()) {
                leaks.add("registry_list_tenants shows columns beyond the registry's non-secret ones: "
                        + String.join(", ", extra));
            }
        }
        return leaks;
    }

    /** Answers which tenant a run id belongs to, and nothing else: one text value, a tenant id. */
    private List<String> runTenant(TenantId tenant, TenantId other) throws SQLException {
        List<String> leaks = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            String result = firstString(st, "SELECT pg_get_function_result('gate_run_tenant(text)'::regprocedure)");
            if (!"text".equals(result)) {
                leaks.add("gate_run_tenant returns " + result + ", not just a tenant id (text)");
            }
        }
        RlsHarness.setContext(connection, tenant.value());
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT run_id, gate_run_tenant(run_id) FROM gate_runs WHERE tenant_id = "
                     + CanaryRow.quote(tenant.value()) + " LIMIT 1")) {
            if (rs.next() && !Set.of(tenant.value(), other.value()).contains(rs.getString(2))) {
                leaks.add("gate_run_tenant answered something other than a tenant id for a run id");
            }
        }
        return leaks;
    }

    private static String firstString(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @FunctionalInterface
    private interface Probe {
        List<String> run() throws SQLException;
    }
}
