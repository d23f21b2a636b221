package com.aiagents.platform.integration.support;

import com.aiagents.platform.provisioning.ProvisioningServiceApplication;
import com.aiagents.platform.tenant.testing.JsonHttp;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real provisioning-service in a child JVM ({@code java -cp <this test's class path, see CLASS_PATH>
 * ProvisioningServiceApplication server <the platform's YAML>} with the platform's settings as
 * {@code -Ddw.} overrides), so a test can kill it with SIGKILL ({@link Process#destroyForcibly()}
 * on Linux) as the OOM killer or a node drain would. Its output goes to a log file under
 * {@code target/}.
 */
public final class ChildProvisioningService implements AutoCloseable {
    /**
     * This test's class path, less its directories (target/test-classes) when the service comes from
     * its jar, as in {@code mvn verify}: the JVM archives classes from jars only and refuses to make an
     * archive with a non-empty directory on the class path; the child needs nothing from them (its
     * YAML is passed as a file). Run from classes directories (an IDE, {@code mvn test}) it is the
     * whole class path, and the archive is simply not made.
     */
    private static final String CLASS_PATH = childClassPath();
    /** Made by the first start in this JVM (null: not made, or could not be). */
    private static Path archiveFile;
    private static boolean archiveTried;

    private final Map<String, String> settings;
    private final int port;
    private final Path log;
    private Process process;

    public ChildProvisioningService(Map<String, String> settings, int port, Path log) {
        this.settings = settings;
        this.port = port;
        this.log = log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public JsonHttp api() {
        return new JsonHttp(baseUrl());
    }

    /**
     * Starts it and waits until it answers on its port. The first start in this JVM makes a class-data
     * archive first (see {@link #archive()}); every start maps it, so the ~17 starts of a crash matrix
     * load their classes from it instead of parsing and verifying them again.
     */
    public void start() throws IOException, InterruptedException {
        Path classes = archive();
        process = launch(classes == null ? List.of() : List.of("-XX:SharedArchiveFile=" + classes));
        awaitAnswering(process);
    }

    /**
     * The JVM's application class-data archive (AppCDS) of this service's start, made once per test
     * JVM: a start with {@code -XX:ArchiveClassesAtExit} that is stopped with SIGTERM as soon as it
     * answers (the JVM writes the archive as it exits). Null if it could not be made, and the starts
     * then simply run without it: the archive changes how fast classes load, not what runs.
     */
    private Path archive() throws IOException, InterruptedException {
        synchronized (ChildProvisioningService.class) {
            if (archiveTried) {
                return archiveFile;
            }
            archiveTried = true;
            Path file = log.resolveSibling("provisioning-service-" + ProcessHandle.current().pid() + ".jsa").toAbsolutePath();
            Files.deleteIfExists(file);
            file.toFile().deleteOnExit(); // ~60 MB, of use to this JVM's starts only
            Process dumping = launch(List.of("-XX:ArchiveClassesAtExit=" + file));
            try {
                awaitAnswering(dumping);
            } catch (IllegalStateException noArchive) {
                // the starts run without one; if the service itself cannot start, they say so
            } finally {
                dumping.destroy();
                if (!dumping.waitFor(120, TimeUnit.SECONDS)) {
                    dumping.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
                }
            }
            archiveFile = Files.isRegularFile(file) && Files.size(file) > 0 ? file : null;
            return archiveFile;
        }
    }

    private Process launch(List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(CLASS_PATH);
        command.add("-Ddw.server.applicationConnectors[0].port=" + port);
        settings.forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
        command.add(ProvisioningServiceApplication.class.getName());
        command.add("server");
        command.add(configFile());
        Files.createDirectories(log.getParent());
        Process started = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // a test JVM stopped early (Ctrl-C, surefire's timeout) takes its child along
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        return started;
    }

    private void awaitAnswering(Process started) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("provisioning-service exited with " + started.exitValue() + "; see " + log);
            }
            try {
                if (api().get("/v1/onboardings?limit=1", Platform.VIEWER).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("provisioning-service did not start within 120 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no lifecycle stop, nothing recorded on the way out. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String childClassPath() {
        String all = System.getProperty("java.class.path");
        URL service = ProvisioningServiceApplication.class.getProtectionDomain().getCodeSource().getLocation();
        if (service == null || !service.getPath().endsWith(".jar")) {
            return all;
        }
        return Arrays.stream(all.split(File.pathSeparator)).filter(entry -> !Files.isDirectory(Path.of(entry)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String configFile() {
        try {
            return new File(ChildProvisioningService.class.getResource("/platform/provisioning-service.yml").toURI())
                    .getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
