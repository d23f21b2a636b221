package com.aiagents.platform.testing;

import com.aiagents.platform.schema.MigrationSettings;
import com.aiagents.platform.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A private, migrated database for one test class, with its own owner role (runs migrations)
 * and runtime role (what services connect as: not superuser, no BYPASSRLS, not the owner).
 * Names are unique so parallel builds on the same server never collide; {@link #close()} drops
 * the database and all three roles.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String PASSWORD = "test-only-password";

    private final PostgresServer server;
    private final String name;
    private final String owner;
    private final String runtime;

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.owner = name + "_owner";
        this.runtime = name + "_app";
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
        return new MigrationSettings(jdbcUrl(), owner, PASSWORD, runtime, PASSWORD);
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

    public String runtimeUser() {
        return runtime;
    }

    public String password() {
        return PASSWORD;
    }

    public Connection connectAsRuntime() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), runtime, PASSWORD);
    }

    public Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), owner, PASSWORD);
    }

    /** A superuser connection to this database, for fixtures that must bypass the rules under test. */
    public Connection connectAsSuperuser() throws SQLException {
        return server.connectAsAdmin(name);
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
