package com.aiagents.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 server of the test's own with {@code ssl=on} and a certificate from a
 * {@link TestCertificateAuthority}: the shared server has no TLS, and a test must not change it.
 * Made with the distribution's {@code initdb}/{@code pg_ctl} in a temporary directory (as the
 * {@code postgres} user when the build runs as root, because initdb refuses root), listening on
 * {@code localhost} with trust authentication for user {@code postgres}. {@link #close()} stops it
 * and deletes the directory; a JVM shutdown hook does the same if a test never gets there.
 */
public final class TlsPostgres implements AutoCloseable {
    private static final Path BIN = Path.of(OwnServers.env("TEST_PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path directory;
    private final Path data;
    private final int port;
    private final Thread cleanup;
    private boolean stopped;

    private TlsPostgres(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.cleanup = new Thread(this::stopQuietly, "tls-postgres-stop");
    }

    /** Starts a server presenting {@code server} (issued for {@code localhost}). */
    public static TlsPostgres start(TestCertificateAuthority.Issued server) {
        TlsPostgres postgres;
        try {
            // TEST_PG_TLS_PORTS (first-last) moves it off this project's default range
            postgres = new TlsPostgres(Files.createTempDirectory("tls-postgres"),
                    OwnServers.freePort("TEST_PG_TLS_PORTS", "55400-55419", "the TLS PostgreSQL"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(postgres.cleanup);
        try {
            postgres.initialise(server);
            postgres.pgCtl("start", "-w", "-t", "30", "-l", postgres.directory.resolve("server.log").toString());
            return postgres;
        } catch (RuntimeException e) {
            String log = postgres.serverLog();
            postgres.close();
            throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + log, e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://<host>:<port>/postgres} */
    public String jdbcUrl(String host) {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }

    /** Turns TLS on or off and reloads: a test of what a client does against a server without TLS. */
    public void setSsl(boolean on) {
        try {
            Files.writeString(data.resolve("postgresql.auto.conf"), "ssl = " + (on ? "on" : "off") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pgCtl("reload");
        awaitSsl(on);
    }

    /** A reload is a signal the postmaster handles in its own time: wait until new sessions see it. */
    private void awaitSsl(boolean on) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String expected = on ? "on" : "off";
        while (true) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                    jdbcUrl("localhost") + "?sslmode=disable", "postgres", "");
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SHOW ssl")) {
                rs.next();
                if (expected.equals(rs.getString(1))) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the TLS PostgreSQL did not answer after a reload", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the TLS PostgreSQL did not turn ssl " + expected);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String serverLog() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "(none)";
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running this
        }
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-m", "immediate", "-w");
            } catch (RuntimeException ignored) {
                // the directory is deleted below either way
            }
        }
        OwnServers.deleteQuietly(directory);
    }

    private void initialise(TestCertificateAuthority.Issued server) {
        try {
            if (asRoot()) {
                Files.setOwner(directory, postgresUser());
            }
            run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "--no-sync", "-E", "UTF8"));
            server.writeCertificate(data.resolve("server.crt"));
            server.writeKey(data.resolve("server.key"));
            if (asRoot()) {
                Files.setOwner(data.resolve("server.crt"), postgresUser());
                Files.setOwner(data.resolve("server.key"), postgresUser());
            }
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                    "listen_addresses = 'localhost'", "port = " + port, "unix_socket_directories = ''",
                    "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'", "fsync = off",
                    "max_connections = 20", "shared_buffers = 16MB", ""),
                    java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(data.resolve("postgresql.auto.conf"), "ssl = on\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the TLS PostgreSQL in " + directory, e);
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(arguments));
        run(command);
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("commands.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + Files.readString(directory.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal postgresUser() throws IOException {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
    }
}
