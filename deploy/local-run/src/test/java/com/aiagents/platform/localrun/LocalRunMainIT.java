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
 * The README's run command itself: {@code ./run-local.sh} (with SKIP_BUILD=1, as the build has just
 * made the jar) on free ports, as a separate process. It must print the demo's note, and on SIGTERM
 * (what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks) stop its children and embedded
 * servers, leaving no process and no listening port.
 */
class LocalRunMainIT {
    private static final Path ROOT = Path.of(System.getProperty("localrun.root", "../..")).toAbsolutePath().normalize();
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void printsTheDemoNoteThenStopsEverythingItStartedWhenAskedToStop() throws Exception {
        Path work = ROOT.resolve("deploy/local-run/target/it-main-" + UUID.randomUUID());
        Files.createDirectories(work);
        Path console = work.resolve("console.txt");
        ProcessBuilder command = new ProcessBuilder("bash", ROOT.resolve("run-local.sh").toString(),
                "--work-dir", work.toString(), "--free-ports", "--tickets", "60")
                .redirectErrorStream(true).redirectOutput(console.toFile());
        command.environment().put("SKIP_BUILD", "1");
        Process launcher = command.start();
        List<ProcessHandle> children;
        try {
            await().atMost(Duration.ofSeconds(300)).until(() -> read(console).contains("Ctrl-C stops everything.")
                    || !launcher.isAlive());
            String ready = read(console);
            assertThat(ready).contains("Ctrl-C stops everything.").contains("tenant-service: healthy at")
                    .contains("AI-Generated Enhancement (").contains("Likely Cause").contains("Suggested Actions")
                    .doesNotContain("[FAIL]");
            children = launcher.descendants().toList();
            assertThat(children).as("the services and the embedded servers run as children").isNotEmpty();
        } finally {
            // SIGTERM, as `kill` sends (run-local.sh exec's the JVM); Ctrl-C's SIGINT runs the same shutdown hook
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
