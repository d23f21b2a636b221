package com.aiagents.platform.common.db;

import com.aiagents.platform.api.TenantId;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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

    /** Builds the pool (with its health check, named {@code postgresql}) from the service's config. */
    public static TenantDatabase build(Environment environment, DataSourceFactory database) {
        return new TenantDatabase(new JdbiFactory().build(environment, database, "postgresql"));
    }

    public <R> R inTenant(TenantId tenant, Work<R> work) {
        return jdbi.inTransaction(handle -> {
            setTenantContext(handle, tenant);
            return work.apply(handle);
        });
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
