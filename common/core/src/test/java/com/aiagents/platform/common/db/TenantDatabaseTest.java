package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenant context at the database boundary, as the worker's role, through a real pool. */
class TenantDatabaseTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    private static final TenantId ALPHA = TenantId.of("alpha");
    private static final TenantId BRAVO = TenantId.of("bravo");

    private ManagedDataSource pool;
    private TenantDatabase database;

    @BeforeEach
    void onePooledConnection() throws Exception {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(DB.get().jdbcUrl());
        factory.setUser(DB.get().roleFor(ServiceRole.ENHANCEMENT_WORKER));
        factory.setPassword(DB.get().password());
        factory.setMinSize(1);
        factory.setInitialSize(1);
        factory.setMaxSize(1);
        pool = factory.build(new MetricRegistry(), "test");
        pool.start();
        database = new TenantDatabase(Jdbi.create(pool));
        for (TenantId tenant : new TenantId[] {ALPHA, BRAVO}) {
            database.inTenant(tenant, h -> h.execute(
                    "INSERT INTO ticket_history (tenant_id, ticket_id, subject) VALUES (?, 'T-1', ?) "
                            + "ON CONFLICT DO NOTHING", tenant.value(), "subject of " + tenant.value()));
        }
    }

    @AfterEach
    void closePool() throws Exception {
        pool.stop();
    }

    @Test
    void oneReusedConnectionNeverCarriesThePreviousTenantsContext() {
        int firstBackend = database.inTenant(ALPHA, TenantDatabaseTest::backendPid);
        assertThat(subjectsOf(ALPHA)).containsExactly("subject of alpha");

        // Same physical connection, next borrower: tenant B sees only B.
        int secondBackend = database.inTenant(BRAVO, TenantDatabaseTest::backendPid);
        assertThat(secondBackend).isEqualTo(firstBackend);
        assertThat(subjectsOf(BRAVO)).containsExactly("subject of bravo");

        // And a borrower with no tenant sees nothing and has no context left over.
        int thirdBackend = database.withoutTenant(TenantDatabaseTest::backendPid);
        assertThat(thirdBackend).isEqualTo(firstBackend);
        assertThat(contextWithoutTenant()).isEmpty();
        int visibleRows = database.withoutTenant(h -> h.createQuery("SELECT count(*) FROM ticket_history")
                .mapTo(Integer.class).one());
        assertThat(visibleRows).isZero();
    }

    @Test
    void aLiveTenantContextRefusesAnUnknownTenantAndWritesNothing() {
        TenantId unknown = TenantId.of("nobody-here");
        assertThatThrownBy(() -> database.inLiveTenant(unknown, h -> h.execute(
                "INSERT INTO ticket_history (tenant_id, ticket_id, subject) VALUES ('nobody-here', 'T-1', 's')")))
                .hasMessageContaining("unknown or offboarded tenant");
        int rows = database.inTenant(unknown, h -> h.createQuery("SELECT count(*) FROM ticket_history")
                .mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void aLiveTenantContextHoldsOffTheTenantsErasureUntilItCommits() throws Exception {
        try (java.sql.Connection registry = DB.get().connectAsSuperuser()) {
            registry.createStatement().execute("INSERT INTO tenant_configs (tenant_id, name, tier, status,"
                    + " admin_contact_email, servicedesk_url, servicedesk_edition, webhook_auth_mode, enhancement_preferences,"
                    + " rate_limits)"
                    + " VALUES ('live-one', 'Live', 'basic', 'onboarding', 'a@live.example', 'https://live.example',"
                    + " 'onprem', 'hmac', '{}', '{}') ON CONFLICT DO NOTHING");
            TenantId live = TenantId.of("live-one");
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Integer> page = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> database.<Integer>inLiveTenant(live, h -> {
                        inside.countDown();
                        await(finish);
                        return h.execute("INSERT INTO ticket_history (tenant_id, ticket_id, subject)"
                                + " VALUES ('live-one', 'T-9', 'page')");
                    }));
            assertThat(inside.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            registry.setAutoCommit(false);
            // the lock tenant-service's purge and offboarding take before erasing
            try (java.sql.ResultSet rs = registry.createStatement().executeQuery(
                    "SELECT pg_try_advisory_xact_lock(hashtextextended('tenant-data:live-one', 0))")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the erase waits for the page in flight").isFalse();
            }
            registry.rollback();
            finish.countDown();
            assertThat(page.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);

            registry.createStatement().execute("UPDATE tenant_configs SET status = 'offboarded' WHERE tenant_id = 'live-one'");
            registry.commit();
            assertThatThrownBy(() -> database.inLiveTenant(live, h -> h.execute("SELECT 1")))
                    .hasMessageContaining("unknown or offboarded tenant");
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void contextEndsWithTheTransactionEvenWhenTheWorkFails() {
        assertThatThrownBy(() -> database.inTenant(ALPHA, h -> {
            h.execute("UPDATE ticket_history SET subject = 'changed'");
            throw new IllegalStateException("work failed");
        })).hasMessage("work failed");

        assertThat(contextWithoutTenant()).isEmpty();
        assertThat(subjectsOf(ALPHA)).containsExactly("subject of alpha");
    }

    private List<String> subjectsOf(TenantId tenant) {
        return database.inTenant(tenant, h -> h.createQuery("SELECT subject FROM ticket_history")
                .mapTo(String.class).list());
    }

    private String contextWithoutTenant() {
        return database.withoutTenant(h -> h.createQuery(
                "SELECT coalesce(current_setting('app.current_tenant_id', true), '')")
                .mapTo(String.class).one());
    }

    private static int backendPid(Handle handle) {
        return handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
    }

    @Test
    void withoutATenantNothingCanBeWritten() {
        assertThatThrownBy(() -> database.withoutTenant(h -> h.execute(
                "INSERT INTO ticket_history (tenant_id, ticket_id, subject) VALUES ('alpha', 'T-2', 'x')")))
                .hasMessageContaining("row-level security");
    }

    @Test
    void eachTenantsTurnSeesOnlyThatTenantAndTheContextEndsWithTheTransaction() {
        TenantId unknown = TenantId.of("charlie");
        java.util.Map<TenantId, List<String>> seen = database.inEachTenant(List.of(BRAVO, ALPHA, unknown),
                (tenant, h) -> h.createQuery("SELECT subject FROM ticket_history ORDER BY subject")
                        .mapTo(String.class).list());

        assertThat(seen.keySet()).containsExactly(BRAVO, ALPHA, unknown);
        assertThat(seen.get(BRAVO)).containsExactly("subject of bravo");
        assertThat(seen.get(ALPHA)).containsExactly("subject of alpha");
        assertThat(seen.get(unknown)).isEmpty();
        // the last turn's context did not outlive the transaction on the pool's one connection
        assertThat(contextWithoutTenant()).isEmpty();
    }

    @Test
    void inOneRoundTripEachTenantsStatementSeesOnlyThatTenant() {
        TenantId unknown = TenantId.of("charlie");
        java.util.Map<TenantId, String> seen = database.queryEachTenant(List.of(BRAVO, ALPHA, unknown),
                "SELECT count(*) || ' ' || coalesce(string_agg(subject, ','), '-') FROM ticket_history WHERE subject LIKE ?",
                tenant -> List.of("subject of %"), rs -> rs.getString(1));

        assertThat(seen).containsExactly(java.util.Map.entry(BRAVO, "1 subject of bravo"),
                java.util.Map.entry(ALPHA, "1 subject of alpha"), java.util.Map.entry(unknown, "0 -"));
        assertThat(contextWithoutTenant()).isEmpty();
        assertThatThrownBy(() -> database.queryEachTenant(List.of(ALPHA), "SELECT 1; SELECT 2", t -> List.of(),
                rs -> rs.getInt(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
