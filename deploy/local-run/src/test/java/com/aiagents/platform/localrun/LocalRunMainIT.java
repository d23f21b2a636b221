package com.aiagents.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as ./run-local.sh runs it: a separate process that, on SIGTERM (what Ctrl-C's
 * SIGINT also triggers: the JVM's shutdown hooks), stops its children and embedded servers.
 */
class LocalRunMainIT {
    private static final Path ROOT = Path.of(System.getProperty("localrun.root", "../..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("localrun.jar", "target/local-run.jar"));
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void stopsEverythingItStartedWhenTheProcessIsAskedToStop() throws Exception {
        Path work = ROOT.resolve("deploy/local-run/target/it-main-" + UUID.randomUUID());
        Files.createDirectories(work);
        Path console = work.resolve("console.txt");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + ROOT.resolve("deploy/local-run/target"), "-jar", JAR.toString(),
                "--root", ROOT.toString(), "--work-dir", work.toString(), "--free-ports", "--no-demo")
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        List<ProcessHandle> children;
        try {
            await().atMost(Duration.ofSeconds(150)).until(() -> read(console).contains("Ctrl-C stops everything.")
                    || !launcher.isAlive());
            assertThat(read(console)).contains("Ctrl-C stops everything.").contains("tenant-service: healthy at");
            children = launcher.descendants().toList();
            assertThat(children).as("the services and the embedded servers run as children").isNotEmpty();
        } finally {
            // SIGTERM, as `kill` sends; Ctrl-C's SIGINT runs the same shutdown hook
            launcher.toHandle().destroy();
        }
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launcher exits after SIGTERM").isTrue();
        String printed = read(console);
        assertThat(printed).contains("== Stopping").contains("stopped tenant-service")
                .contains("stopped; all ports are free again");
        List<Integer> ports = listenedPorts(printed);
        assertThat(ports).isNotEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(children).as("no child of the launcher is left").noneMatch(ProcessHandle::isAlive);
            assertThat(ports).as("every port is free again").noneMatch(PortPlan::inUse);
        });
    }

    /** The ports the launcher said it listens on: embedded PostgreSQL/Redis and every healthy service. */
    private static List<Integer> listenedPorts(String printed) {
        List<Integer> ports = new ArrayList<>();
        for (String line : printed.split("\n")) {
            if (line.contains("embedded PostgreSQL on") || line.contains("embedded Redis on")
                    || line.contains("healthy at")) {
                Matcher m = PORT.matcher(line);
                while (m.find()) {
                    ports.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return ports;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
