package com.aiagents.platform.testing;

import com.aiagents.platform.schema.MigrationSettings;
import com.aiagents.platform.schema.SchemaMigrator;
import com.aiagents.platform.schema.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A private, migrated database for one test class, with its own owner role (runs migrations)
 * and one role per service ({@link #roleFor}), created and granted by the real migrator exactly as
 * {@code db migrate} does: a service's tests connect as that service's own role. Names are unique
 * so parallel builds on the same server never collide; {@link #close()} drops the database and
 * every role made for it.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String PASSWORD = "test-only-password";

    private final PostgresServer server;
    private final String name;
    private final String owner;
    private final Map<ServiceRole, String> roles = new EnumMap<>(ServiceRole.class);

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.owner = name + "_owner";
        roles.put(ServiceRole.TENANT_SERVICE, name + "_tenant_service");
        roles.put(ServiceRole.ENHANCEMENT_WORKER, name + "_worker");
        roles.put(ServiceRole.GATES_RUNNER, name + "_gates_runner");
        roles.put(ServiceRole.PROVISIONING_SERVICE, name + "_provisioning");
    }

    /** Creates the database and roles and runs every migration. */
    public static TestDatabase createMigrated() {
        TestDatabase db = createEmpty();
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Creates the database and owner role only; the caller runs migrations (or tests them). */
    public static TestDatabase createEmpty() {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase db = new TestDatabase(PostgresServer.get(), "aat_" + unique.toLowerCase(Locale.ROOT));
        db.create();
        return db;
    }

    public void migrate() {
        new SchemaMigrator(migrationSettings()).migrate();
    }

    public MigrationSettings migrationSettings() {
        Map<ServiceRole, MigrationSettings.Credentials> credentials = new EnumMap<>(ServiceRole.class);
        roles.forEach((role, user) -> credentials.put(role, new MigrationSettings.Credentials(user, PASSWORD)));
        return new MigrationSettings(jdbcUrl(), owner, PASSWORD, credentials);
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String databaseName() {
        return name;
    }

    public String ownerUser() {
        return owner;
    }

    /** The login role {@code service} connects as (created by the migrator). */
    public String roleFor(ServiceRole service) {
        return roles.get(service);
    }

    public String password() {
        return PASSWORD;
    }

    /** A connection as {@code service}'s own role: what that service's code runs as. */
    public Connection connectAs(ServiceRole service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), roleFor(service), PASSWORD);
    }

    /**
     * The Dropwizard {@code database.*} settings for {@code service}: this database, its own role.
     * Keys are relative to the config root, ready for {@code ConfigOverride.config(key, value)}.
     */
    public Map<String, String> configFor(ServiceRole service) {
        return Map.of("database.url", jdbcUrl(), "database.user", roleFor(service), "database.password", PASSWORD);
    }

    public Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), owner, PASSWORD);
    }

    /** A superuser connection to this database, for fixtures that must bypass the rules under test. */
    public Connection connectAsSuperuser() throws SQLException {
        return server.connectAsAdmin(name);
    }

    /** The first column of every row {@code sql} returns, read as a superuser (assertions on stored state). */
    public java.util.List<String> columnAsSuperuser(String sql) throws SQLException {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (Connection c = connectAsSuperuser(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Creates a throw-away role with the given attributes (e.g. "BYPASSRLS"), dropped on close. */
    public String createExtraRole(String suffix, String attributes) {
        String role = name + "_" + suffix;
        execAsAdmin("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "' " + attributes);
        return role;
    }

    private void create() {
        execAsAdmin("postgres",
                "CREATE ROLE " + owner + " LOGIN CREATEROLE NOSUPERUSER PASSWORD '" + PASSWORD + "'",
                "CREATE DATABASE " + name + " OWNER " + owner);
        execAsAdmin(name, "ALTER SCHEMA public OWNER TO " + owner);
    }

    @Override
    public void close() {
        execAsAdmin("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execAsAdmin("postgres", "DO $$ DECLARE r text; BEGIN "
                + "FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '" + name + "\\_%' LOOP "
                + "EXECUTE 'DROP ROLE ' || quote_ident(r); END LOOP; END $$");
    }

    private void execAsAdmin(String database, String... statements) {
        try (Connection c = server.connectAsAdmin(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + e.getMessage(), e);
        }
    }
}
