package com.aiagents.platform.localrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's {@code promtool}: from {@code PROMTOOL}, else the PATH (.ci/run installs Debian's
 * package when it can). Absent on a machine without it; callers then fall back to Java-side checks.
 */
final class Promtool {
    private final Path binary;

    private Promtool(Path binary) {
        this.binary = binary;
    }

    static Optional<Promtool> find() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "promtool"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Promtool::new);
    }

    /** Exit code and combined output of {@code promtool <args>} with {@code stdin} as its input. */
    Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, output + "\n(promtool timed out)");
        }
        return new Result(process.exitValue(), output);
    }

    /** What promtool said. */
    record Result(int exitCode, String output) {
    }
}
