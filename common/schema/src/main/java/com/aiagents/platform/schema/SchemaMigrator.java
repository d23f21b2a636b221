package com.aiagents.platform.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the current schema as the migration (owner) role, then makes the four
 * service roles exist and hold exactly {@link ServiceGrants#GRANTS}. A service role is created
 * (LOGIN, with its configured password) only if it does not exist; an existing one keeps its
 * password, and is refused if it is a superuser or has BYPASSRLS, because row-level security would
 * not apply to it. {@code platform_roles} records which role is which service's (and which role
 * migrated), for the activation check, the gate_runs triggers and each service's start-up check.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern ROLE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,53}$");

    private final MigrationSettings settings;

    public SchemaMigrator(MigrationSettings settings) {
        this.settings = settings;
        Set<String> distinct = new HashSet<>();
        for (ServiceRole role : ServiceRole.values()) {
            String name = settings.roleName(role);
            requireRoleName(name, role.userVariable());
            if (!distinct.add(name) || name.equals(settings.migrationUser())) {
                throw new MigrationException(role.userVariable() + " must name a role of its own, not shared with "
                        + "another service or the migration role");
            }
        }
    }

    /** The NOLOGIN role that owns the registry's cross-tenant functions. */
    public static String registryRoleFor(String tenantServiceRole) {
        return tenantServiceRole + "_registry";
    }

    /** The NOLOGIN role that owns the similar-ticket search function. */
    public static String searchRoleFor(String workerRole) {
        return workerRole + "_search";
    }

    public MigrateResult migrate() {
        String registryRole = registryRoleFor(settings.roleName(ServiceRole.TENANT_SERVICE));
        String workerRole = settings.roleName(ServiceRole.ENHANCEMENT_WORKER);
        String searchRole = searchRoleFor(workerRole);
        try (Connection owner = connectAsOwner()) {
            RoleSetup roles = new RoleSetup(owner);
            for (ServiceRole role : ServiceRole.values()) {
                MigrationSettings.Credentials credentials = settings.roles().get(role);
                roles.ensureServiceRole(role, credentials.user(), credentials.password());
            }
            roles.ensureFunctionOwner(registryRole);
            roles.ensureFunctionOwner(searchRole);
        } catch (SQLException e) {
            throw new MigrationException("could not prepare database roles: " + e.getMessage(), e);
        }

        MigrateResult result = Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword())
                .locations("classpath:db/migration")
                // versions are allocated per area (docs/development.md), so an area's migration can
                // land after a higher-numbered one was applied (V2, worker, after V3/V4): apply it
                .outOfOrder(true)
                // runtime_role: V1-V4 were written for one shared runtime role; its place is now
                // taken by the worker's role (V2 derives the search role from it); every grant
                // those files make is revoked and re-declared by ServiceGrants below
                .placeholders(Map.of("runtime_role", workerRole, "registry_role", registryRole,
                        "search_role", searchRole))
                .load()
                .migrate();

        try (Connection owner = connectAsOwner()) {
            owner.setAutoCommit(false);
            recordRoles(owner);
            Map<ServiceGrants.Grantee, String> grantees = new EnumMap<>(ServiceGrants.Grantee.class);
            grantees.put(ServiceGrants.Grantee.TENANT_SERVICE, settings.roleName(ServiceRole.TENANT_SERVICE));
            grantees.put(ServiceGrants.Grantee.ENHANCEMENT_WORKER, workerRole);
            grantees.put(ServiceGrants.Grantee.GATES_RUNNER, settings.roleName(ServiceRole.GATES_RUNNER));
            grantees.put(ServiceGrants.Grantee.PROVISIONING_SERVICE,
                    settings.roleName(ServiceRole.PROVISIONING_SERVICE));
            grantees.put(ServiceGrants.Grantee.REGISTRY, registryRole);
            grantees.put(ServiceGrants.Grantee.SEARCH, searchRole);
            new ServiceGrants(owner, grantees).apply();
            owner.commit();
        } catch (SQLException e) {
            throw new MigrationException("could not grant the service roles: " + e.getMessage(), e);
        }
        leaveFunctionOwners(registryRole, searchRole);
        LOG.info("schema at version {}; service roles granted: {}", result.targetSchemaVersion, settings);
        return result;
    }

    /**
     * The migration role joined the functions' owners only to hand them their functions; as a member
     * it would also pass their cross-tenant read policies. The next migrate joins them again.
     */
    private void leaveFunctionOwners(String... owners) {
        try (Connection owner = connectAsOwner(); Statement st = owner.createStatement()) {
            for (String role : owners) {
                st.execute("REVOKE " + role + " FROM " + quoteIdent(settings.migrationUser()));
            }
        } catch (SQLException e) {
            LOG.warn("the migration role stays a member of {}: {}", String.join(", ", owners), e.getMessage());
        }
    }

    private static String quoteIdent(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Which role is which service's; the migration role's row names the role that ran this. */
    private void recordRoles(Connection owner) throws SQLException {
        try (PreparedStatement upsert = owner.prepareStatement("INSERT INTO platform_roles (service, role_name) "
                + "VALUES (?, ?) ON CONFLICT (service) DO UPDATE SET role_name = excluded.role_name")) {
            for (ServiceRole role : ServiceRole.values()) {
                upsert.setString(1, role.service());
                upsert.setString(2, settings.roleName(role));
                upsert.addBatch();
            }
            upsert.setString(1, "migration");
            upsert.setString(2, settings.migrationUser());
            upsert.addBatch();
            upsert.executeBatch();
        }
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

        void ensureServiceRole(ServiceRole service, String role, String password) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, role);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getBoolean(1) || rs.getBoolean(2)) {
                            throw new MigrationException(service.service() + "'s role " + role
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
                throw new MigrationException(service.service() + "'s role " + role + " (" + service.userVariable()
                        + ") does not exist and the migration role may not create it (it needs CREATEROLE, "
                        + "or a DBA creates the role first)", e);
            }
            LOG.info("created {}'s role {}", service.service(), role);
        }

        void ensureFunctionOwner(String role) throws SQLException {
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
