package com.aiagents.platform.deploychecks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the checks use when the machine has it (promtool, amtool, kubectl): the variable
 * {@code envVariable} names it, else the PATH finds it. .ci/run installs promtool and amtool (Debian's
 * packages, unpacked), so in CI ({@code CI=true}) those two are {@linkplain #required required}: a check
 * that would quietly shrink to its Java side fails instead. Locally they stay optional (a warning).
 */
record ExternalTool(Path executable) {
    private static final System.Logger LOG = System.getLogger(ExternalTool.class.getName());

    static Optional<ExternalTool> find(String name, String envVariable) {
        return find(name, envVariable, System.getenv());
    }

    static Optional<ExternalTool> find(String name, String envVariable, Map<String, String> env) {
        String configured = env.get(envVariable);
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        Arrays.stream(env.getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).forEach(dir -> candidates.add(Path.of(dir, name)));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(ExternalTool::new);
    }

    /**
     * A tool CI must have: missing, it fails the check when {@code CI} is {@code true} (what CI services set, and
     * .ci/run's machine installs the tool); otherwise empty, with a warning saying what goes unchecked.
     */
    static Optional<ExternalTool> required(String name, String envVariable, String uncheckedWithout) {
        return required(name, envVariable, uncheckedWithout, System.getenv());
    }

    static Optional<ExternalTool> required(String name, String envVariable, String uncheckedWithout,
                                           Map<String, String> env) {
        Optional<ExternalTool> tool = find(name, envVariable, env);
        if (tool.isEmpty()) {
            String missing = name + " not found (neither $" + envVariable + " nor the PATH): " + uncheckedWithout;
            if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").strip())) {
                throw new AssertionError(missing + ". CI=true: .ci/run installs it (Debian's package, unpacked under"
                        + " ~/.cache/ai-agents/promtool) and exports $" + envVariable + "; see why it did not");
            }
            LOG.log(System.Logger.Level.WARNING, missing);
        }
        return tool;
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
