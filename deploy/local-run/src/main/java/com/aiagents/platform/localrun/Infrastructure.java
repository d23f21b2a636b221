package com.aiagents.platform.localrun;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis for a local run: the ones named by DATABASE_URL / REDIS_URL, else embedded
 * servers started here, with the owner role, the runtime role (no superuser, no BYPASSRLS) and
 * the database created on them. {@link #close()} stops only what this class started.
 */
final class Infrastructure implements AutoCloseable {
    static final String DATABASE = "aiagents";
    static final String OWNER_ROLE = "aiagents_owner";
    static final String RUNTIME_ROLE = "aiagents_app";

    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String postgresDescription;
    private String redisDescription;
    private int embeddedPostgresPort;
    private int embeddedRedisPort;

    /** The DATABASE_* and REDIS_URL variables every service gets. */
    Map<String, String> environment() {
        return environment;
    }

    String postgresDescription() {
        return postgresDescription;
    }

    String redisDescription() {
        return redisDescription;
    }

    /** The embedded servers' ports (0 when an external one is used), for checks after stop. */
    int embeddedPostgresPort() {
        return embeddedPostgresPort;
    }

    int embeddedRedisPort() {
        return embeddedRedisPort;
    }

    void startPostgres(LocalRunOptions options) throws IOException, SQLException {
        String url = options.env("DATABASE_URL");
        if (url != null) {
            environment.put("DATABASE_URL", url);
            copy(options, "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_MIGRATION_USER", "DATABASE_MIGRATION_PASSWORD");
            postgresDescription = "PostgreSQL from DATABASE_URL (" + url + ")";
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(options.workDir().resolve("tmp").toFile())
                .setCleanDataDirectory(true);
        if (options.ports().postgres() > 0) {
            builder.setPort(options.ports().postgres());
        }
        postgres = builder.start();
        embeddedPostgresPort = postgres.getPort();
        String ownerPassword = randomHex(16);
        String runtimePassword = randomHex(16);
        String jdbc = "jdbc:postgresql://127.0.0.1:" + embeddedPostgresPort + "/";
        try (Connection admin = DriverManager.getConnection(jdbc + "postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE " + OWNER_ROLE + " LOGIN CREATEROLE NOSUPERUSER PASSWORD '" + ownerPassword + "'");
            st.execute("CREATE ROLE " + RUNTIME_ROLE
                    + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '" + runtimePassword + "'");
            st.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
        }
        try (Connection admin = DriverManager.getConnection(jdbc + DATABASE, "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO " + OWNER_ROLE);
        }
        environment.put("DATABASE_URL", jdbc + DATABASE);
        environment.put("DATABASE_USER", RUNTIME_ROLE);
        environment.put("DATABASE_PASSWORD", runtimePassword);
        environment.put("DATABASE_MIGRATION_USER", OWNER_ROLE);
        environment.put("DATABASE_MIGRATION_PASSWORD", ownerPassword);
        postgresDescription = "embedded PostgreSQL on 127.0.0.1:" + embeddedPostgresPort + ", database " + DATABASE
                + " (owner " + OWNER_ROLE + ", runtime role " + RUNTIME_ROLE + ")";
    }

    void startRedis(LocalRunOptions options) throws IOException {
        String url = options.env("REDIS_URL");
        if (url != null) {
            environment.put("REDIS_URL", url);
            redisDescription = "Redis from REDIS_URL";
            return;
        }
        int port = options.ports().redis() > 0 ? options.ports().redis() : PortPlan.free().redis();
        redis = RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        embeddedRedisPort = port;
        environment.put("REDIS_URL", "redis://127.0.0.1:" + port + "/0");
        redisDescription = "embedded Redis on 127.0.0.1:" + port;
    }

    /** The psql command a person can paste (embedded only: the local superuser over trust auth). */
    String psqlCommand() {
        return postgres == null ? null
                : "psql -h 127.0.0.1 -p " + embeddedPostgresPort + " -U postgres " + DATABASE;
    }

    String redisCliCommand() {
        return redis == null ? null : "redis-cli -p " + embeddedRedisPort;
    }

    @Override
    public void close() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException | RuntimeException e) {
                // already gone (e.g. Ctrl-C reached it first); nothing else to stop
            }
            redis = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                // already gone (e.g. Ctrl-C reached it first); nothing else to stop
            }
            postgres = null;
        }
    }

    private void copy(LocalRunOptions options, String... names) {
        for (String name : names) {
            String value = options.env(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
