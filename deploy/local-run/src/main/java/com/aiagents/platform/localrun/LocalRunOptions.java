package com.aiagents.platform.localrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one local run does.
 *
 * @param root          the repository root (module jars and config.yml files are found from here)
 * @param workDir       logs, Kubernetes manifests and temporary files of this run
 * @param ports         every port the run listens on
 * @param environment   where DATABASE_URL, REDIS_URL, tokens, keys and LLM settings are read from
 * @param demo          onboard the demo tenant, seed data and enhance one ticket
 * @param demoTickets   how many resolved tickets to seed into the demo tenant's history
 * @param startTimeout  how long a service may take to report healthy
 * @param noteTimeout   how long the demo waits for the enhancement note
 * @param childJvmArgs  JVM options for every child process
 */
public record LocalRunOptions(Path root, Path workDir, PortPlan ports, Map<String, String> environment,
                              boolean demo, int demoTickets, Duration startTimeout, Duration noteTimeout,
                              List<String> childJvmArgs) {

    /** Small heaps and a quick JIT: six JVMs share two cores on a laptop or CI machine. */
    public static final List<String> DEFAULT_CHILD_JVM_ARGS = List.of(
            "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public static LocalRunOptions defaults(Path root) {
        return new LocalRunOptions(root, root.resolve("local-run"), PortPlan.defaults(), System.getenv(), true, 300,
                Duration.ofSeconds(180), Duration.ofSeconds(90), DEFAULT_CHILD_JVM_ARGS);
    }

    public LocalRunOptions withWorkDir(Path dir) {
        return new LocalRunOptions(root, dir, ports, environment, demo, demoTickets, startTimeout, noteTimeout, childJvmArgs);
    }

    public LocalRunOptions withPorts(PortPlan plan) {
        return new LocalRunOptions(root, workDir, plan, environment, demo, demoTickets, startTimeout, noteTimeout, childJvmArgs);
    }

    public LocalRunOptions withEnvironment(Map<String, String> env) {
        return new LocalRunOptions(root, workDir, ports, Map.copyOf(env), demo, demoTickets, startTimeout, noteTimeout,
                childJvmArgs);
    }

    public LocalRunOptions withDemo(boolean on) {
        return new LocalRunOptions(root, workDir, ports, environment, on, demoTickets, startTimeout, noteTimeout, childJvmArgs);
    }

    /** A variable from {@link #environment()}, or null when unset or blank. */
    public String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
