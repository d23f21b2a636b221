package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/docker/*&#47;Dockerfile and deploy/docker-compose.yml, read as text and YAML (this machine has
 * no Docker engine to build or start them).
 */
class ContainersTest {
    private static final Map<String, String> MODULES = Map.of("tenant-service", "tenant-service",
            "webhook-gateway", "webhook-gateway", "enhancement-worker", "enhancement-worker",
            "provisioning-service", "provisioning-service", "gates-runner", "gates-runner",
            "sdp-simulator", "deploy/sdp-simulator");
    private static final Map<String, List<Integer>> PORTS = Map.of("tenant-service", List.of(8081, 9081),
            "webhook-gateway", List.of(8080, 9080), "enhancement-worker", List.of(8082, 9082),
            "provisioning-service", List.of(8083, 9083), "gates-runner", List.of(8084, 9084),
            "sdp-simulator", List.of(8090, 9090));
    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");

    @ParameterizedTest
    @ValueSource(strings = {"tenant-service", "webhook-gateway", "enhancement-worker", "provisioning-service",
        "gates-runner", "sdp-simulator"})
    void dockerfileRunsTheServiceJarAsANonRootUserWithAHealthcheck(String service) {
        Map<String, List<String>> instructions = dockerfile(Repo.path("deploy/docker/" + service + "/Dockerfile"));
        assertThat(instructions.keySet()).as("only known instructions")
                .allMatch(i -> List.of("FROM", "ARG", "RUN", "WORKDIR", "COPY", "USER", "EXPOSE", "ENV", "HEALTHCHECK",
                        "ENTRYPOINT", "CMD", "LABEL").contains(i));
        assertThat(instructions.get("FROM")).containsExactly("eclipse-temurin:17-jre");
        assertThat(instructions.get("USER")).hasSize(1).noneMatch(u -> u.startsWith("root") || u.startsWith("0"));
        String module = MODULES.get(service);
        assertThat(instructions.get("COPY")).anyMatch(c -> c.contains(module + "/target/" + service + "-${VERSION}.jar"))
                .anyMatch(c -> c.contains(module + "/config.yml"));
        int admin = PORTS.get(service).get(1);
        assertThat(instructions.get("EXPOSE")).containsExactly(PORTS.get(service).get(0) + " " + admin);
        assertThat(instructions.get("HEALTHCHECK")).singleElement().asString()
                .contains("/dev/tcp/127.0.0.1/" + admin).contains("/healthcheck");
        assertThat(instructions.get("ENTRYPOINT")).singleElement().asString().contains("\"-jar\", \"/app/app.jar\"");
        assertThat(instructions.get("CMD")).containsExactly("[\"server\", \"/app/config.yml\"]");
    }

    @Test
    void composeRunsThePlatformWithItsDependenciesAndMonitoring() {
        JsonNode compose = Repo.yaml(Repo.path("deploy/docker-compose.yml"));
        JsonNode services = compose.path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("postgres", "redis", "migrate", "tenant-service", "webhook-gateway",
                "enhancement-worker", "provisioning-service", "gates-runner", "sdp-simulator", "prometheus", "grafana", "jaeger");

        JsonNode migrate = services.path("migrate");
        assertThat(migrate.path("command").toString()).isEqualTo("[\"db\",\"migrate\",\"/app/config.yml\"]");
        assertThat(migrate.path("restart").asText()).isEqualTo("no");
        assertThat(migrate.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        for (String service : List.of("tenant-service", "webhook-gateway", "enhancement-worker", "provisioning-service",
                "gates-runner")) {
            JsonNode s = services.path(service);
            assertThat(s.path("depends_on").path("migrate").path("condition").asText())
                    .as(service + " waits for the migration").isEqualTo("service_completed_successfully");
            assertThat(s.path("environment").path("REDIS_URL").asText()).isEqualTo("redis://redis:6379/0");
            assertThat(s.path("environment").path("OTEL_EXPORTER_OTLP_ENDPOINT").asText()).isEqualTo("http://jaeger:4318");
            s.path("environment").fields().forEachRemaining(e -> {
                if (e.getKey().matches(".*(PASSWORD|TOKEN|_KEY)$")) {
                    assertThat(e.getValue().asText()).as(service + " " + e.getKey() + " comes from deploy/.env")
                            .startsWith("${");
                }
            });
        }
        for (String built : List.of("migrate", "webhook-gateway", "enhancement-worker", "provisioning-service",
                "gates-runner", "sdp-simulator")) {
            String dockerfile = services.path(built).path("build").path("dockerfile").asText();
            assertThat(Files.isRegularFile(Repo.ROOT.resolve(dockerfile))).as(built + " builds " + dockerfile).isTrue();
        }
        assertThat(services.path("prometheus").path("volumes").toString()).contains("./observability/prometheus");
        assertThat(services.path("grafana").path("volumes").toString())
                .contains("./observability/grafana/provisioning").contains("./observability/grafana/dashboards");
        assertThat(Files.isRegularFile(Repo.path("deploy/compose/postgres-init.sh"))).isTrue();
        assertThat(Repo.read(Repo.path("deploy/.env.example"))).contains("TENANT_ENCRYPTION_KEY=\n");
    }

    /** Instruction → its arguments, continuation lines joined. */
    private static Map<String, List<String>> dockerfile(Path file) {
        Map<String, List<String>> instructions = new java.util.LinkedHashMap<>();
        String joined = Repo.read(file).replaceAll("\\\\\n", " ");
        for (String line : joined.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = INSTRUCTION.matcher(trimmed);
            assertThat(m.matches()).as(file + ": " + trimmed).isTrue();
            instructions.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).replaceAll("\\s+", " "));
        }
        return instructions;
    }
}
