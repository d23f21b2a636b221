package com.aiagents.platform.localrun;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * One process the launcher can start: where its module lives, its default ports
 * (docs/architecture.md), and the environment variable other services find it by.
 *
 * @param name        the module's artifact id, also the name of its log file
 * @param module      the module directory relative to the repository root
 * @param appPort     the default application port
 * @param adminPort   the default admin port (health checks, metrics)
 * @param urlVariable the variable holding this service's URL for the others
 * @param wave        start order: every service of wave 1 is healthy before wave 2 starts
 */
public record ServiceSpec(String name, String module, int appPort, int adminPort, String urlVariable, int wave) {

    /** {@code webhook-gateway} → {@code WEBHOOK_GATEWAY}: the prefix of its port variables. */
    public String envPrefix() {
        return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    public Path config(Path root) {
        return root.resolve(module).resolve("config.yml");
    }

    /**
     * The module's runnable jar, if it has been built with a main class: a module whose code has
     * not landed yet still builds a jar, but one without its application class.
     */
    public Availability availability(Path root) {
        Path target = root.resolve(module).resolve("target");
        Optional<Path> jar = runnableJar(target);
        if (jar.isEmpty()) {
            if (!Files.isDirectory(root.resolve(module).resolve("src/main/java"))) {
                return Availability.missing(module + " has no code on this checkout yet");
            }
            return Availability.missing(anyJar(target)
                    ? module + " builds no application yet (its jar has no main class)"
                    : "not built: no " + module + "/target/" + name + "-<version>.jar (./run-local.sh builds it)");
        }
        if (!Files.isRegularFile(config(root))) {
            return Availability.missing("no " + module + "/config.yml");
        }
        return Availability.ready(jar.get());
    }

    private Optional<Path> runnableJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, name + "-*.jar")) {
            for (Path jar : jars) {
                String file = jar.getFileName().toString();
                if (!file.endsWith("-tests.jar") && !file.endsWith("-sources.jar") && hasMainClass(jar)) {
                    return Optional.of(jar);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private boolean anyJar(Path target) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, name + "-*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasMainClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            return main != null && file.getEntry(main.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a service can be started, and if not, why. */
    public record Availability(Path jar, String reason) {
        static Availability ready(Path jar) {
            return new Availability(jar, null);
        }

        static Availability missing(String reason) {
            return new Availability(null, reason);
        }

        public boolean ready() {
            return jar != null;
        }
    }
}
