package com.aiagents.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own serving TLS only ({@code --port 0 --tls-port}), with a
 * certificate from a {@link TestCertificateAuthority}; clients need not present one. The shared
 * Redis has no TLS. {@link #close()} stops it (a JVM shutdown hook does too) and deletes its files.
 */
public final class TlsRedis implements AutoCloseable {
    private static final String SERVER = OwnServers.env("TEST_REDIS_SERVER", "redis-server");

    private final Path directory;
    private final int port;
    private final Process process;
    private final Thread cleanup;

    private TlsRedis(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.cleanup = new Thread(this::stopQuietly, "tls-redis-stop");
    }

    /** Starts a server presenting {@code server}; returns once it accepts connections. */
    public static TlsRedis start(TestCertificateAuthority.Issued server) {
        try {
            Path directory = Files.createTempDirectory("tls-redis");
            Path certificate = server.writeCertificate(directory.resolve("server.crt"));
            Path key = server.writeKey(directory.resolve("server.key"));
            Path ca = Files.writeString(directory.resolve("ca.crt"), Files.readString(certificate));
            int port = OwnServers.freePort("TEST_REDIS_TLS_PORTS", "7250-7299", "the TLS redis-server");
            Process process = new ProcessBuilder(List.of(SERVER, "--port", "0", "--tls-port", String.valueOf(port),
                    "--bind", "127.0.0.1", "-::1", "--tls-cert-file", certificate.toString(),
                    "--tls-key-file", key.toString(), "--tls-ca-cert-file", ca.toString(),
                    "--tls-auth-clients", "no", "--save", "", "--appendonly", "no",
                    "--dir", directory.toString()))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("server.log").toFile()).start();
            TlsRedis redis = new TlsRedis(directory, port, process);
            Runtime.getRuntime().addShutdownHook(redis.cleanup);
            redis.awaitListening();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a TLS redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code rediss://<host>:<port>/0}, the form REDIS_URL takes. */
    public String url(String host) {
        return "rediss://" + host + ":" + port + "/0";
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

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.readString(directory.resolve("server.log"));
                    close();
                    throw new IllegalStateException("the TLS redis-server did not start: " + log);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private synchronized void stopQuietly() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        OwnServers.deleteQuietly(directory);
    }
}
