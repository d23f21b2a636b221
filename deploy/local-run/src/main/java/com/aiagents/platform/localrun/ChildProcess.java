package com.aiagents.platform.localrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the launcher started ({@code java -jar <jar> ...}), its output in a log file. {@link #stop()}
 * asks it to stop (SIGTERM: Dropwizard shuts down gracefully), waits, then kills it and anything it
 * started.
 */
public final class ChildProcess {
    private static final long GRACE_SECONDS = 15;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with the launcher's environment, less {@code notInherited}, plus {@code environment}.
     */
    static ChildProcess start(String name, Path root, List<String> command, Map<String, String> environment,
                              List<String> notInherited, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeAll(notInherited);
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log);
    }

    /** {@code java <jvmArgs> -jar <jar> <args>} with the launcher's own Java. */
    static List<String> javaCommand(List<String> jvmArgs, Path jar, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; the exit code, or -1 if it still runs after the timeout. */
    int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** The last lines of its log, to show why it failed. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Stops it and everything it started; returns once all of them have exited. */
    void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : descendants) {
            child.destroyForcibly();
            child.onExit().orTimeout(GRACE_SECONDS, TimeUnit.SECONDS).exceptionally(t -> child).join();
        }
    }
}
