package com.aiagents.platform.integration.support;

import com.aiagents.platform.provisioning.ProvisioningServiceApplication;
import com.aiagents.platform.tenant.testing.JsonHttp;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real provisioning-service in a child JVM ({@code java -cp <this test's classpath>
 * ProvisioningServiceApplication server <the platform's YAML>} with the platform's settings as
 * {@code -Ddw.} overrides), so a test can kill it with SIGKILL ({@link Process#destroyForcibly()}
 * on Linux) as the OOM killer or a node drain would. Its output goes to a log file under
 * {@code target/}.
 */
public final class ChildProvisioningService implements AutoCloseable {
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

    /** Starts it and waits until it answers on its port. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Ddw.server.applicationConnectors[0].port=" + port);
        settings.forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
        command.add(ProvisioningServiceApplication.class.getName());
        command.add("server");
        command.add(configFile());
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        // a test JVM stopped early (Ctrl-C, surefire's timeout) takes its child along
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("provisioning-service exited with " + process.exitValue() + "; see " + log);
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
