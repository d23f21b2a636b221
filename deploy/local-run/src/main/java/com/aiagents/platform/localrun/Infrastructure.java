package com.aiagents.platform.localrun;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis for a local run: the ones named by DATABASE_URL / REDIS_URL, else embedded
 * servers started here, with the owner role and the database created on them; {@code db migrate}
 * then creates one role per service with the passwords chosen here, and each service gets only its
 * own ({@link #databaseEnvironment}). {@link #close()} stops only what this class started.
 */
final class Infrastructure implements AutoCloseable {
    static final String DATABASE = "aiagents";
    static final String OWNER_ROLE = "aiagents_owner";
    /** The services with a database role, by name, and that role's name on an embedded server. */
    static final Map<String, String> SERVICE_ROLES = Map.of(
            ServiceCatalog.TENANT_SERVICE, "aiagents_tenant_service",
            ServiceCatalog.ENHANCEMENT_WORKER, "aiagents_enhancement_worker",
            ServiceCatalog.GATES_RUNNER, "aiagents_gates_runner",
            ServiceCatalog.PROVISIONING_SERVICE, "aiagents_provisioning_service");

    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> migration = new LinkedHashMap<>();
    private String postgresDescription;
    private String redisDescription;
    private int embeddedPostgresPort;
    private int embeddedRedisPort;

    /** DATABASE_URL and REDIS_URL (each service gets what it needs of them). */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * What {@code db migrate} alone gets: the migration role and the four service roles it creates
     * ({@code TENANT_SERVICE_DATABASE_USER}/{@code _PASSWORD}, ...).
     */
    Map<String, String> migrationEnvironment() {
        return migration;
    }

    /**
     * DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD for {@code service}: its own role; empty for a
     * service without database access (webhook-gateway, the simulator).
     */
    Map<String, String> databaseEnvironment(String service) {
        if (!SERVICE_ROLES.containsKey(service) || !environment.containsKey("DATABASE_URL")) {
            return Map.of();
        }
        String prefix = roleVariablePrefix(service);
        Map<String, String> own = new LinkedHashMap<>();
        own.put("DATABASE_URL", environment.get("DATABASE_URL"));
        own.put("DATABASE_USER", migration.getOrDefault(prefix + "USER", SERVICE_ROLES.get(service)));
        own.put("DATABASE_PASSWORD", migration.getOrDefault(prefix + "PASSWORD", SERVICE_ROLES.get(service) + "_local"));
        return own;
    }

    /** e.g. {@code GATES_RUNNER_DATABASE_} for gates-runner. */
    private static String roleVariablePrefix(String service) {
        return service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_DATABASE_";
    }

    /** The variables {@code db migrate} reads for the service roles, in a stable order. */
    static List<String> serviceRoleVariables() {
        List<String> names = new ArrayList<>();
        for (String service : List.of(ServiceCatalog.TENANT_SERVICE, ServiceCatalog.ENHANCEMENT_WORKER,
                ServiceCatalog.GATES_RUNNER, ServiceCatalog.PROVISIONING_SERVICE)) {
            String prefix = roleVariablePrefix(service);
            names.add(prefix + "USER");
            names.add(prefix + "PASSWORD");
        }
        return names;
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
            copy(options, "DATABASE_MIGRATION_USER", "DATABASE_MIGRATION_PASSWORD");
            copy(options, serviceRoleVariables().toArray(String[]::new));
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
        String jdbc = "jdbc:postgresql://127.0.0.1:" + embeddedPostgresPort + "/";
        try (Connection admin = DriverManager.getConnection(jdbc + "postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE " + OWNER_ROLE + " LOGIN CREATEROLE NOSUPERUSER PASSWORD '" + ownerPassword + "'");
            st.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
        }
        try (Connection admin = DriverManager.getConnection(jdbc + DATABASE, "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO " + OWNER_ROLE);
        }
        environment.put("DATABASE_URL", jdbc + DATABASE);
        migration.put("DATABASE_MIGRATION_USER", OWNER_ROLE);
        migration.put("DATABASE_MIGRATION_PASSWORD", ownerPassword);
        // db migrate creates these roles (the owner has CREATEROLE here) with these passwords
        SERVICE_ROLES.forEach((service, role) -> {
            String prefix = roleVariablePrefix(service);
            migration.put(prefix + "USER", role);
            migration.put(prefix + "PASSWORD", randomHex(16));
        });
        postgresDescription = "embedded PostgreSQL on 127.0.0.1:" + embeddedPostgresPort + ", database " + DATABASE
                + " (owner " + OWNER_ROLE + ", one role per service: " + String.join(", ",
                new java.util.TreeSet<>(SERVICE_ROLES.values())) + ")";
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
                migration.put(name, value);
            }
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
