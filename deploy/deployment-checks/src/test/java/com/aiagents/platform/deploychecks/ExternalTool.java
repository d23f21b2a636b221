package com.aiagents.platform.deploychecks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the checks use when the machine has it (promtool, kubectl): the variable
 * {@code envVariable} names it, else the PATH finds it. .ci/run installs promtool where it can.
 */
record ExternalTool(Path executable) {

    static Optional<ExternalTool> find(String name, String envVariable) {
        String configured = System.getenv(envVariable);
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).forEach(dir -> candidates.add(Path.of(dir, name)));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(ExternalTool::new);
    }

    /** Runs it in {@code workDir}; exit code and everything it printed. */
    Outcome run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        return new Outcome(finished ? process.exitValue() : -1, String.join(" ", command) + "\n" + printed);
    }

    /** What the tool said. */
    record Outcome(int exitCode, String printed) {
    }
}
