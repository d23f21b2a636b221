package com.aiagents.platform.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the current schema as the migration (owner) role and grants the
 * runtime role exactly what the services need. The runtime role is created only if it does
 * not exist and the migration role may create roles; an existing runtime role that is a
 * superuser or has BYPASSRLS is refused, because row-level security would not apply to it.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern ROLE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,53}$");

    private final MigrationSettings settings;

    public SchemaMigrator(MigrationSettings settings) {
        this.settings = settings;
        requireRoleName(settings.runtimeUser(), "DATABASE_USER");
    }

    /** The NOLOGIN role that owns the registry's cross-tenant functions. */
    public static String registryRoleFor(String runtimeUser) {
        return runtimeUser + "_registry";
    }

    public MigrateResult migrate() {
        String runtimeRole = settings.runtimeUser();
        String registryRole = registryRoleFor(runtimeRole);
        try (Connection owner = connectAsOwner()) {
            RoleSetup roles = new RoleSetup(owner);
            roles.ensureRuntimeRole(runtimeRole, settings.runtimePassword());
            roles.ensureRegistryRole(registryRole);
        } catch (SQLException e) {
            throw new MigrationException("could not prepare database roles: " + e.getMessage(), e);
        }

        MigrateResult result = Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword())
                .locations("classpath:db/migration")
                // versions are allocated per area (docs/development.md), so an area's migration can
                // land after a higher-numbered one was applied (V2, worker, after V3/V4): apply it
                .outOfOrder(true)
                .placeholders(Map.of("runtime_role", runtimeRole, "registry_role", registryRole))
                .load()
                .migrate();

        try (Connection owner = connectAsOwner()) {
            new RuntimeGrants(owner).grantTo(runtimeRole);
        } catch (SQLException e) {
            throw new MigrationException("could not grant the runtime role: " + e.getMessage(), e);
        }
        LOG.info("schema at version {}; runtime role {} granted DML on tenant tables",
                result.targetSchemaVersion, runtimeRole);
        return result;
    }

    private Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(
                settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword());
    }

    static void requireRoleName(String name, String what) {
        if (name == null || !ROLE_NAME.matcher(name).matches()) {
            throw new MigrationException(what + " must be a lower-case role name of at most 54 characters");
        }
    }

    /** Creates or checks the roles; role names are validated, passwords passed as literals. */
    private static final class RoleSetup {
        private final Connection connection;

        RoleSetup(Connection connection) {
            this.connection = connection;
        }

        void ensureRuntimeRole(String role, String password) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, role);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getBoolean(1) || rs.getBoolean(2)) {
                            throw new MigrationException("runtime role " + role
                                    + " is a superuser or has BYPASSRLS; row-level security would not apply to it");
                        }
                        return;
                    }
                }
            }
            String passwordClause = password == null || password.isEmpty()
                    ? "" : " PASSWORD " + quoteLiteral(password);
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE ROLE " + role
                        + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION" + passwordClause);
            } catch (SQLException e) {
                throw new MigrationException("runtime role " + role
                        + " does not exist and the migration role may not create it", e);
            }
            LOG.info("created runtime role {}", role);
        }

        void ensureRegistryRole(String role) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') "
                        + "THEN CREATE ROLE " + role + " NOLOGIN NOINHERIT; END IF; END $$");
                // The owner must be able to SET ROLE to it to hand it the functions it owns.
                st.execute("DO $$ BEGIN IF NOT pg_has_role(current_user, '" + role + "', 'MEMBER') "
                        + "THEN EXECUTE 'GRANT " + role + " TO ' || quote_ident(current_user); END IF; END $$");
            }
        }

        private static String quoteLiteral(String value) {
            return "'" + value.replace("'", "''") + "'";
        }
    }
}
