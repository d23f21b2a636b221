package com.aiagents.platform.common.db;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import io.dropwizard.core.setup.Environment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The only way services reach the database. Tenant-scoped work runs in {@link #inTenant}, which
 * opens a transaction and sets {@code app.current_tenant_id} transaction-locally
 * ({@code set_config(..., true)}) before the caller's first statement, so a pooled connection
 * never carries one tenant's context into the next borrower's work. Work that is not about one
 * tenant (the audit log, the registry's listing function) runs in {@link #withoutTenant}, where
 * every tenant-scoped table reads as empty and refuses writes.
 */
public final class TenantDatabase {
    private final Jdbi jdbi;

    public TenantDatabase(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Builds the pool (with its health check, named {@code postgresql}) from the service's config,
     * after checking that the configured role is fit to run as ({@link DatabaseRoleCheck}): a
     * service refuses to start as a superuser, a BYPASSRLS role, an owner or the migration role.
     */
    public static TenantDatabase build(Environment environment, DataSourceFactory database) {
        Jdbi jdbi = new JdbiFactory().build(environment, database, "postgresql");
        try (Handle handle = jdbi.open()) {
            DatabaseRoleCheck.require(handle.getConnection());
        } catch (SQLException | JdbiException e) {
            throw new IllegalStateException("refusing to run: could not check database role " + database.getUser()
                    + " at " + database.getUrl() + ": " + e.getMessage(), e);
        }
        return new TenantDatabase(jdbi);
    }

    public <R> R inTenant(TenantId tenant, Work<R> work) {
        return jdbi.inTransaction(handle -> {
            setTenantContext(handle, tenant);
            return work.apply(handle);
        });
    }

    /**
     * {@link #inTenant} for a request: a caller confined to one tenant (a tenant user, an admin
     * impersonating with {@code X-Tenant-Id}) runs in ITS tenant's context whatever it asked for, so
     * row-level security, not a WHERE clause, hides every other tenant's rows and the caller's
     * lookup of them finds nothing (404, never 403: no existence oracle). Staff and services run in
     * {@code requested}'s context as before.
     */
    public <R> R inTenantFor(PlatformPrincipal caller, TenantId requested, Work<R> work) {
        return inTenant(caller.tenantScope().orElse(requested), work);
    }

    /**
     * {@link #inTenantFor} for what is addressed by the tenant alone (a list of its rows, its
     * Kubernetes objects): a tenant-scoped caller first has to see {@code requested}'s registry
     * record under its own tenant's row-level security, so another tenant (or one that does not
     * exist) is empty here, which the caller answers with 404, however many rows that tenant has.
     * Staff and services address any tenant, as in {@link #inTenantFor}.
     */
    public <R> java.util.Optional<R> inVisibleTenantFor(PlatformPrincipal caller, TenantId requested, Work<R> work) {
        return inTenantFor(caller, requested, handle -> {
            if (caller.tenantScope().isPresent() && !handle
                    .createQuery("SELECT EXISTS (SELECT 1 FROM tenant_configs WHERE tenant_id = :tenant)")
                    .bind("tenant", requested.value())
                    .mapTo(Boolean.class)
                    .one()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.ofNullable(work.apply(handle));
        });
    }

    /**
     * Like {@link #inTenant}, for writes that must not outlive their tenant (a background import's
     * pages): the context is set by {@code set_live_tenant_context}, which refuses an unknown or
     * offboarded tenant and holds off tenant-service's purge or erase until this transaction ends.
     *
     * @throws org.jdbi.v3.core.statement.UnableToExecuteStatementException SQL state {@code P0002}
     *         when the tenant is unknown or offboarded
     */
    public <R> R inLiveTenant(TenantId tenant, Work<R> work) {
        return jdbi.inTransaction(handle -> {
            // the function returns void: select a constant beside it
            handle.createQuery("SELECT 1 FROM (SELECT set_live_tenant_context(:tenant)) checked")
                    .bind("tenant", tenant.value())
                    .mapTo(Integer.class)
                    .one();
            return work.apply(handle);
        });
    }

    /**
     * The same work for each of several tenants, in one transaction on one connection: before each
     * tenant's turn the context is set to that tenant ({@code set_config(..., true)}, so it ends with
     * the transaction like {@link #inTenant}'s), so each turn sees only its tenant's rows under RLS.
     * For read-only summaries across a page of tenants (the operator console's fleet view), where a
     * transaction per tenant would cost a pool checkout and a commit each.
     *
     * @return each tenant's result, in the order given
     */
    public <R> Map<TenantId, R> inEachTenant(Collection<TenantId> tenants, EachTenantWork<R> work) {
        return jdbi.inTransaction(handle -> {
            Map<TenantId, R> results = new LinkedHashMap<>();
            for (TenantId tenant : tenants) {
                setTenantContext(handle, tenant);
                results.put(tenant, work.apply(tenant, handle));
            }
            return results;
        });
    }

    /**
     * {@link #inEachTenant} for one read-only statement per tenant, sent in one round trip: the
     * statements {@code SELECT set_config('app.current_tenant_id', <tenant>, true); <sql>} of every
     * tenant, in order, as one multi-statement text in one transaction. The server runs them one
     * after the other, so each tenant's {@code sql} runs in that tenant's context under RLS, as with
     * {@link #inEachTenant}; only the network round trips are saved (a page of 200 tenants: one
     * instead of 400).
     *
     * @param sql  one statement without {@code ;}, with positional {@code ?} parameters
     * @param args each tenant's parameter values, in order
     * @param row  maps the statement's first row; a tenant whose statement answers none maps to null
     * @return each tenant's result, in the order given
     */
    public <R> Map<TenantId, R> queryEachTenant(List<TenantId> tenants, String sql,
                                                Function<TenantId, List<Object>> args, RowReader<R> row) {
        if (sql.contains(";")) {
            throw new IllegalArgumentException("one statement per tenant, without ';'");
        }
        if (tenants.isEmpty()) {
            return Map.of();
        }
        String turn = "SELECT set_config('app.current_tenant_id', ?, true);" + sql + ";";
        return jdbi.inTransaction(handle -> {
            Map<TenantId, R> results = new LinkedHashMap<>();
            try (PreparedStatement statement = handle.getConnection().prepareStatement(turn.repeat(tenants.size()))) {
                int index = 1;
                for (TenantId tenant : tenants) {
                    statement.setString(index++, tenant.value());
                    for (Object value : args.apply(tenant)) {
                        statement.setObject(index++, value);
                    }
                }
                statement.execute(); // the first tenant's set_config
                for (TenantId tenant : tenants) {
                    statement.getMoreResults();
                    try (ResultSet rs = statement.getResultSet()) {
                        results.put(tenant, rs.next() ? row.read(rs) : null);
                    }
                    statement.getMoreResults(); // the next tenant's set_config
                }
            } catch (SQLException e) {
                throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
            }
            return results;
        });
    }

    /** One row of {@link #queryEachTenant}. */
    @FunctionalInterface
    public interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /** One tenant's turn of {@link #inEachTenant}. */
    @FunctionalInterface
    public interface EachTenantWork<R> {
        R apply(TenantId tenant, Handle handle);
    }

    public <R> R withoutTenant(Work<R> work) {
        return jdbi.inTransaction(work::apply);
    }

    /** What runs inside the transaction; unchecked so callers keep their own exceptions. */
    @FunctionalInterface
    public interface Work<R> {
        R apply(Handle handle);
    }

    /**
     * Like {@link #inTenant}, in one REPEATABLE READ transaction: every statement of {@code work}
     * sees the same committed data (gate 2's runs hash one snapshot of the tenant's context).
     */
    public <R> R inTenantSnapshot(TenantId tenant, Work<R> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            setTenantContext(handle, tenant);
            return work.apply(handle);
        });
    }

    private static void setTenantContext(Handle handle, TenantId tenant) {
        handle.createQuery("SELECT set_config('app.current_tenant_id', :tenant, true)")
                .bind("tenant", tenant.value())
                .mapTo(String.class)
                .one();
    }
}
