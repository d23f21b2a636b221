package com.aiagents.platform.worker.support;

import com.aiagents.platform.worker.EnhancementWorkerApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker as a real child JVM: {@code java -cp <test class path> EnhancementWorkerApplication
 * server worker-test.yml}, settings as {@code -Ddw.*} properties, output to a log file.
 */
public final class WorkerProcess {
    private WorkerProcess() {
    }

    public static Process start(Map<String, String> settings, Path dir, String name) throws IOException {
        return start(EnhancementWorkerApplication.class, settings, Map.of(), dir, name);
    }

    /** @param main the application's class (the real one, or a test's subclass); {@code properties} as {@code -D} */
    public static Process start(Class<?> main, Map<String, String> settings, Map<String, String> properties, Path dir,
                                String name) throws IOException {
        return start(main, settings, properties, dir, name, List.of());
    }

    /**
     * As {@link #start(Class, Map, Map, Path, String)}, for tests that start (and kill) several
     * workers and measure nothing: the client compiler only and the serial collector, so a JVM
     * starts on less CPU, which a 2-core CI machine feels with two starting at once. Not for a test
     * that searches many vectors or measures speed: without C2 the SIMD kernel runs uncompiled.
     */
    public static Process startQuickly(Class<?> main, Map<String, String> settings, Map<String, String> properties,
                                       Path dir, String name) throws IOException {
        return start(main, settings, properties, dir, name, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    private static Process start(Class<?> main, Map<String, String> settings, Map<String, String> properties, Path dir,
                                 String name, List<String> jvmOptions) throws IOException {
        Files.createDirectories(dir);
        Path yml = dir.resolve("worker.yml");
        try (InputStream in = WorkerProcess.class.getResourceAsStream("/worker-test.yml")) {
            Files.copy(in, yml, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // as deployed: the vector scan's SIMD kernel (docs/retrieval.md)
                "--add-modules=jdk.incubator.vector",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(jvmOptions);
        // e.g. a profiler for a benchmark's worker: -Dbench.workerJvmArgs="-XX:StartFlightRecording=filename=w.jfr"
        String extra = System.getProperty("bench.workerJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        settings.forEach((k, v) -> command.add("-Ddw." + k + "=" + v));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), "server", yml.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    static {
        // A child must not outlive a JVM that dies unexpectedly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly)));
    }
}
