package com.aiagents.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/configuration.md: {@code mvn -B package} leaves one runnable jar per service at
 * {@code <module>/target/<module>-<version>.jar} (checked after the package phase, when the
 * services this module depends on have been built).
 */
class ContractJarsIT {
    private static final Path ROOT = Path.of(System.getProperty("localrun.root", "../..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

    @ParameterizedTest
    @CsvSource({
        "tenant-service, com.aiagents.platform.tenant.TenantServiceApplication",
        "webhook-gateway, com.aiagents.platform.gateway.WebhookGatewayApplication",
        "enhancement-worker, com.aiagents.platform.worker.EnhancementWorkerApplication",
        "provisioning-service, com.aiagents.platform.provisioning.ProvisioningServiceApplication",
        "gates-runner, com.aiagents.platform.gates.GatesRunnerApplication"})
    void eachServiceHasARunnableJarWhereTheContractSays(String module, String mainClass) throws IOException {
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
        assertThat(jar).as("the jar path docs/development.md gives").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(mainClass);
            assertThat(file.getEntry("io/dropwizard/core/Application.class")).as("Dropwizard inside: runnable on its own")
                    .isNotNull();
        }
        assertThat(Files.size(jar)).isGreaterThan(1_000_000);
    }
}
