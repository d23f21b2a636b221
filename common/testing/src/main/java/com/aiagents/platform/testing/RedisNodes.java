package com.aiagents.platform.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * redis-server processes a test starts on fixed loopback ports (from the range its module reserves),
 * each in its own directory, and kills when closed, also from a JVM shutdown hook, so a failing
 * test leaves none behind. The base of {@link RedisClusterNodes} and {@link RedisSentinelNodes}; the
 * machine's {@code redis-server} (7.x) is used, or {@code REDIS_SERVER_BIN}.
 */
public class RedisNodes implements AutoCloseable {
    private final Path dir;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final Thread cleanup = new Thread(this::killAll, "redis-nodes-cleanup");

    protected RedisNodes(String name) {
        try {
            dir = Files.createTempDirectory("redis-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts {@code redis-server} (or a sentinel, per {@code settings}) on {@code port} and waits for PING. */
    protected void start(int port, List<String> settings, boolean sentinel) {
        stopLeftover(port);
        Path nodeDir = dir.resolve(Integer.toString(port));
        try {
            Files.createDirectories(nodeDir);
            List<String> command = new ArrayList<>();
            if (sentinel) {
                Path conf = nodeDir.resolve("sentinel.conf");
                Files.writeString(conf, String.join("\n", settings) + "\n");
                command.addAll(List.of(serverBinary(), conf.toString(), "--sentinel"));
            } else {
                command.add(serverBinary());
                for (String setting : settings) {
                    String[] parts = setting.split(" ", 2);
                    command.add("--" + parts[0]);
                    if (parts.length > 1) {
                        command.add(parts[1]);
                    }
                }
            }
            command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", nodeDir.toString(),
                    "--logfile", nodeDir.resolve("redis.log").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(nodeDir.resolve("stdout.log").toFile()).start();
            processes.put(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server on port " + port, e);
        }
        awaitTrue(Duration.ofSeconds(10), () -> answers(port), "redis-server on port " + port + " did not start");
    }

    /** Kills the process on {@code port} at once (SIGKILL), as a crash or OOM kill would. */
    public void kill(int port) {
        Process process = processes.remove(port);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Jedis connect(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).protocol(RedisProtocol.RESP2).build());
    }

    protected static boolean answers(int port) {
        try (Jedis jedis = connect(port)) {
            return "PONG".equalsIgnoreCase(jedis.ping());
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    protected static void awaitTrue(Duration limit, BooleanSupplier condition, String failure) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(failure);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(failure, e);
            }
        }
    }

    /** Runs a command (e.g. redis-cli) to completion; fails with its output when it does not exit 0. */
    protected static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String serverBinary() {
        String configured = System.getenv("REDIS_SERVER_BIN");
        return configured == null || configured.isBlank() ? "redis-server" : configured;
    }

    protected static String cliBinary() {
        String server = serverBinary();
        return server.contains(File.separator) ? Path.of(server).resolveSibling("redis-cli").toString() : "redis-cli";
    }

    /** A server of an earlier run of this fixture that was killed before it could clean up (the ports are this module's). */
    private static void stopLeftover(int port) {
        if (answers(port)) {
            try (Jedis jedis = connect(port)) {
                jedis.shutdown();
            } catch (RuntimeException gone) {
                // SHUTDOWN closes the connection
            }
            awaitTrue(Duration.ofSeconds(10), () -> !answers(port), "port " + port + " stays taken");
        }
    }

    private synchronized void killAll() {
        new ArrayList<>(processes.keySet()).forEach(this::kill);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
