package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each service's start-up check of its own database role, against real roles. */
class DatabaseRoleCheckTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    @Test
    void everyServiceRoleMadeByTheMigratorPasses() throws SQLException {
        for (ServiceRole role : ServiceRole.values()) {
            try (Connection c = DB.get().connectAs(role)) {
                assertThat(DatabaseRoleCheck.problems(c)).as(role.service()).isEmpty();
            }
        }
    }

    @Test
    void theMigrationRoleIsRefusedAsOwnerMigratorAndCreator() throws SQLException {
        try (Connection c = DB.get().connectAsOwner()) {
            List<String> problems = DatabaseRoleCheck.problems(c);
            assertThat(problems).anySatisfy(p -> assertThat(p).contains("owns "))
                    .anySatisfy(p -> assertThat(p).contains("is the migration role " + DB.get().ownerUser()))
                    .anySatisfy(p -> assertThat(p).contains("may CREATE in schema public"))
                    .anySatisfy(p -> assertThat(p).contains("has CREATEROLE"));
        }
    }

    @Test
    void aSuperuserIsRefused() throws SQLException {
        assertThat(problemsOf(DB.get().createExtraRole("su", "SUPERUSER")))
                .anySatisfy(p -> assertThat(p).contains("is a superuser"));
    }

    @Test
    void aBypassRlsRoleIsRefused() throws SQLException {
        assertThat(problemsOf(DB.get().createExtraRole("bypass", "BYPASSRLS")))
                .containsExactly("role " + DB.get().databaseName() + "_bypass has BYPASSRLS "
                        + "(row-level security does not apply to it)");
    }

    @Test
    void aMemberOfTheOwnerIsRefused() throws SQLException {
        String member = DB.get().createExtraRole("member", "");
        asSuperuser("GRANT " + DB.get().ownerUser() + " TO " + member);
        assertThat(problemsOf(member)).anySatisfy(p -> assertThat(p)
                .contains("is a member of " + DB.get().ownerUser() + ", which owns "));
    }

    @Test
    void aRoleThatMayCreateInTheSchemaIsRefused() throws SQLException {
        String creator = DB.get().createExtraRole("creator", "");
        asSuperuser("GRANT CREATE ON SCHEMA public TO " + creator);
        assertThat(problemsOf(creator)).containsExactly("role " + creator
                + " may CREATE in schema public (a table it creates would be its own)");
    }

    @Test
    void aServiceRefusesToStartWithTheMigrationRoleAndSaysWhy() {
        TestDatabase db = DB.get();
        DataSourceFactory config = new DataSourceFactory();
        config.setDriverClass("org.postgresql.Driver");
        config.setUrl(db.jdbcUrl());
        config.setUser(db.ownerUser());
        config.setPassword(db.password());
        assertThatThrownBy(() -> TenantDatabase.build(new Environment("role-check-test"), config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refusing to run with this database role: ")
                .hasMessageContaining("is the migration role")
                .hasMessageNotContaining(db.password());
    }

    @Test
    void aServiceStartsWithItsOwnRole() {
        TestDatabase db = DB.get();
        DataSourceFactory config = new DataSourceFactory();
        config.setDriverClass("org.postgresql.Driver");
        config.setUrl(db.jdbcUrl());
        config.setUser(db.roleFor(ServiceRole.PROVISIONING_SERVICE));
        config.setPassword(db.password());
        assertThat(TenantDatabase.build(new Environment("role-check-test"), config)).isNotNull();
    }

    private static List<String> problemsOf(String role) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB.get().jdbcUrl(), role, DB.get().password())) {
            return DatabaseRoleCheck.problems(c);
        }
    }

    private static void asSuperuser(String sql) throws SQLException {
        try (Connection c = DB.get().connectAsSuperuser(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
