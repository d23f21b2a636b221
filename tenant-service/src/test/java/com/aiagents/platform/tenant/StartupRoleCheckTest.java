package com.aiagents.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole service refuses to start as the migration role, and starts as its own role. */
class StartupRoleCheckTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    @Test
    void refusesToStartAsTheMigrationRoleNamingTheProblem() {
        DropwizardTestSupport<TenantServiceConfiguration> app = app(DB.get().ownerUser());
        try {
            assertThatThrownBy(app::before)
                    .hasStackTraceContaining("refusing to run with this database role: role " + DB.get().ownerUser()
                            + " has CREATEROLE")
                    .hasStackTraceContaining("is the migration role " + DB.get().ownerUser());
        } finally {
            app.after();
        }
    }

    @Test
    void startsAsItsOwnRole() throws Exception {
        DropwizardTestSupport<TenantServiceConfiguration> app = app(DB.get().roleFor(ServiceRole.TENANT_SERVICE));
        try {
            app.before();
            assertThat(app.getLocalPort()).isPositive();
        } finally {
            app.after();
        }
    }

    private static DropwizardTestSupport<TenantServiceConfiguration> app(String user) {
        TestDatabase db = DB.get();
        return new DropwizardTestSupport<>(TenantServiceApplication.class, "tenant-service-test.yml",
                new ResourceConfigurationSourceProvider(),
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", user),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config("encryption.key", Base64.getEncoder().encodeToString(new byte[32])),
                ConfigOverride.config("tracing.enabled", "false"));
    }
}
