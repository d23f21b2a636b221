package com.aiagents.platform.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the servers a test starts for itself ({@link TlsPostgres}, {@link TlsRedis}) share. */
final class OwnServers {
    private OwnServers() {
    }

    /**
     * The first free port of {@code range} ("first-last"), or {@code override}'s range when that
     * environment variable is set: each helper of the project has ports of its own.
     */
    static int freePort(String override, String range, String what) {
        String ports = env(override, range);
        String[] bounds = ports.split("-");
        for (int port = Integer.parseInt(bounds[0]); port <= Integer.parseInt(bounds[1]); port++) {
            try (ServerSocket ignored = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port in " + ports + " for " + what);
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
