package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker/*&#47;Dockerfile and deploy/docker-compose.yml, read as text and YAML (this machine has
 * no Docker engine to build or start them).
 */
class ContainersTest {
    /** Service → its module directory, app port and admin port (docs/architecture.md; the simulator's section 11). */
    private static final Map<String, Module> MODULES = Map.of(
            "tenant-service", new Module("tenant-service", 8081, 9081),
            "webhook-gateway", new Module("webhook-gateway", 8080, 9080),
            "enhancement-worker", new Module("enhancement-worker", 8082, 9082),
            "provisioning-service", new Module("provisioning-service", 8083, 9083),
            "gates-runner", new Module("gates-runner", 8084, 9084),
            "operator-console", new Module("operator-console", 8085, 9085),
            "sdp-simulator", new Module("deploy/sdp-simulator", 8090, 9090));
    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);

    @Test
    void oneDockerfileRunsAnyServiceJarAsANonRootUserWithAHealthcheck() {
        Map<String, List<String>> instructions = dockerfile(Repo.path("deploy/docker/Dockerfile"));
        assertThat(instructions.keySet()).as("only known instructions")
                .allMatch(i -> List.of("FROM", "ARG", "RUN", "WORKDIR", "COPY", "USER", "EXPOSE", "ENV", "HEALTHCHECK",
                        "ENTRYPOINT", "CMD", "LABEL").contains(i));
        assertThat(instructions.get("FROM")).containsExactly("${BASE_IMAGE}");
        assertThat(instructions.get("ARG")).contains("SERVICE", "MODULE_DIR", "APP_PORT", "ADMIN_PORT");
        assertThat(instructions.get("USER")).hasSize(1).noneMatch(u -> u.startsWith("root") || u.startsWith("0"));
        assertThat(instructions.get("COPY"))
                .contains("--chown=root:root ${MODULE_DIR:-$SERVICE}/target/${SERVICE}-${VERSION}.jar /app/app.jar",
                        "--chown=root:root ${MODULE_DIR:-$SERVICE}/config.yml /app/config/config.yml");
        assertThat(instructions.get("EXPOSE")).containsExactly("${APP_PORT} ${ADMIN_PORT}");
        assertThat(instructions.get("ENV")).singleElement().asString()
                .contains("ADMIN_PORT=${ADMIN_PORT}").contains("BIND_HOST=0.0.0.0").contains("SDP_SIMULATOR_BIND_HOST=0.0.0.0");
        assertThat(instructions.get("HEALTHCHECK")).singleElement().asString()
                .contains("/dev/tcp/127.0.0.1/${ADMIN_PORT}").contains("printf 'GET %s HTTP/1.0").contains("\\\"${HEALTH_PATH}\\\"").contains("' 200 '");
        assertThat(instructions.get("ARG")).contains("HEALTH_PATH=" + HealthChecksConfigTest.READINESS_PATH);
        assertThat(instructions.get("ENTRYPOINT")).containsExactly("[\"java\", \"-jar\", \"/app/app.jar\"]");
        assertThat(instructions.get("CMD")).containsExactly("[\"server\", \"/app/config/config.yml\"]");
        assertThat(Repo.read(Repo.path("deploy/docker/Dockerfile.dockerignore")))
                .contains("\n**\n").contains("!*/target/*.jar").contains("!deploy/sdp-simulator/target/*.jar");
    }

    /**
     * Every peer URL the service's config defaults to 127.0.0.1 (peer APIs, their health checks) is set
     * to a Compose service, which is what the name resolves to inside this network. The exceptions: the
     * webhook URL tenant-service hands to clients is where their SDP reaches the gateway, and the welcome
     * mail's reveal link is where the tenant's administrator's browser reaches tenant-service.
     */
    private static void assertPeersAreReachedByServiceName(String service, JsonNode environment, List<String> composeNames) {
        for (String variable : ServiceConfigs.loopbackUrlVariables(service)) {
            String value = environment.path(variable).asText();
            assertThat(value).as(service + " " + variable + " is set").isNotBlank();
            if (service.equals("tenant-service") && Set.of("WEBHOOK_GATEWAY_URL", "WELCOME_LINK_BASE_URL").contains(variable)) {
                continue;
            }
            String host = java.net.URI.create(value).getHost();
            assertThat(composeNames).as(service + " " + variable + "=" + value + " names a Compose service").contains(host);
        }
    }

    /** What the Dockerfile copies for {@code args} exists once {@code mvn package} ran: the module and its config. */
    private static void assertBuildArgsNameAModule(String composeService, JsonNode build) {
        assertThat(build.path("dockerfile").asText()).as(composeService).isEqualTo("deploy/docker/Dockerfile");
        assertThat(build.path("context").asText()).as(composeService).isEqualTo("..");
        JsonNode args = build.path("args");
        String service = args.path("SERVICE").asText();
        Module module = MODULES.get(service);
        assertThat(module).as(composeService + " builds a known SERVICE, not " + service).isNotNull();
        String moduleDir = args.hasNonNull("MODULE_DIR") ? args.get("MODULE_DIR").asText() : service;
        assertThat(moduleDir).as(composeService + " MODULE_DIR").isEqualTo(module.dir());
        assertThat(args.path("APP_PORT").asText()).as(composeService).isEqualTo(String.valueOf(module.appPort()));
        assertThat(args.path("ADMIN_PORT").asText()).as(composeService).isEqualTo(String.valueOf(module.adminPort()));
        assertThat(Files.isRegularFile(Repo.path(moduleDir + "/config.yml"))).as(moduleDir + "/config.yml").isTrue();
        Matcher artifact = ARTIFACT_ID.matcher(Repo.read(Repo.path(moduleDir + "/pom.xml")));
        assertThat(artifact.find()).as(moduleDir + "/pom.xml artifactId").isTrue();
        assertThat(artifact.group(1)).as("the jar is " + moduleDir + "/target/<artifactId>-<version>.jar").isEqualTo(service);
    }

    @Test
    void composeRunsThePlatformWithItsDependenciesAndMonitoring() {
        JsonNode compose = Repo.yaml(Repo.path("deploy/docker-compose.yml"));
        JsonNode services = compose.path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("postgres", "redis", "migrate", "tenant-service", "webhook-gateway",
                "enhancement-worker", "provisioning-service", "gates-runner", "operator-console", "sdp-simulator", "prometheus", "alertmanager", "grafana",
                "jaeger");

        JsonNode migrate = services.path("migrate");
        assertThat(migrate.path("command").toString()).isEqualTo("[\"db\",\"migrate\",\"/app/config/config.yml\"]");
        assertThat(migrate.path("restart").asText()).isEqualTo("no");
        assertThat(migrate.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        for (String service : List.of("tenant-service", "webhook-gateway", "enhancement-worker", "provisioning-service",
                "gates-runner")) {
            JsonNode s = services.path(service);
            assertThat(s.path("depends_on").path("migrate").path("condition").asText())
                    .as(service + " waits for the migration").isEqualTo("service_completed_successfully");
            assertThat(s.path("environment").path("REDIS_URL").asText()).isEqualTo("redis://redis:6379/0");
            assertPeersAreReachedByServiceName(service, s.path("environment"), names);
            assertThat(s.path("environment").path("OTEL_EXPORTER_OTLP_ENDPOINT").asText()).isEqualTo("http://jaeger:4318");
            s.path("environment").fields().forEachRemaining(e -> {
                if (e.getKey().matches(".*(PASSWORD|TOKEN|_KEY)$")) {
                    assertThat(e.getValue().asText()).as(service + " " + e.getKey() + " comes from deploy/.env")
                            .startsWith("${");
                }
            });
        }
        assertEachServiceGetsOnlyItsOwnSecrets(services);
        for (String built : List.of("migrate", "webhook-gateway", "enhancement-worker", "provisioning-service",
                "gates-runner", "operator-console", "sdp-simulator")) {
            assertBuildArgsNameAModule(built, services.path(built).path("build"));
        }
        assertThat(services.path("migrate").path("build").path("args").path("SERVICE").asText()).isEqualTo("tenant-service");
        assertThat(services.path("tenant-service").path("image").asText())
                .as("tenant-service runs the image the migrate service built").isEqualTo(migrate.path("image").asText());
        assertThat(services.path("prometheus").path("volumes").toString()).contains("./observability/prometheus");
        assertThat(services.path("grafana").path("volumes").toString())
                .contains("./observability/grafana/provisioning").contains("./observability/grafana/dashboards");
        assertPrometheusAlertsReachComposesAlertmanager(services, names);
        assertThat(Files.isRegularFile(Repo.path("deploy/compose/postgres-init.sh"))).isTrue();
        assertThat(Repo.read(Repo.path("deploy/.env.example"))).contains("TENANT_ENCRYPTION_KEY=\n");
    }

    /**
     * Every Alertmanager prometheus.yml sends alerts to is a Compose service on that port, running a pinned image with
     * the repository's alertmanager.yml: without one, every alert of the Compose deployment would go nowhere.
     */
    private static void assertPrometheusAlertsReachComposesAlertmanager(JsonNode services, List<String> names) {
        JsonNode alerting = Repo.yaml(Repo.path("deploy/observability/prometheus/prometheus.yml")).path("alerting");
        List<String> targets = new ArrayList<>();
        alerting.path("alertmanagers").forEach(am -> am.path("static_configs")
                .forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText()))));
        assertThat(targets).as("prometheus.yml's Alertmanagers").isNotEmpty();
        for (String target : targets) {
            String host = target.substring(0, target.indexOf(':'));
            assertThat(names).as("prometheus.yml sends alerts to " + target).contains(host);
            JsonNode alertmanager = services.path(host);
            assertThat(alertmanager.path("image").asText()).as(host + " image, pinned")
                    .matches("prom/alertmanager:v\\d+\\.\\d+\\.\\d+(@sha256:[0-9a-f]{64})?");
            assertThat(alertmanager.path("ports").toString()).as(host + " listens where prometheus.yml sends")
                    .contains(":" + target.substring(target.indexOf(':') + 1));
            assertThat(alertmanager.path("volumes").toString()).contains("./observability/alertmanager:/etc/alertmanager");
            assertThat(alertmanager.path("command").toString()).contains("--config.file=/etc/alertmanager/alertmanager.yml");
        }
        assertThat(Files.isRegularFile(Repo.path("deploy/observability/alertmanager/alertmanager.yml"))).isTrue();
    }

    /**
     * The secret and database variables of each Compose service are exactly those its Kubernetes
     * workload gets ({@link WorkloadSecrets}): the vault key to tenant-service only, the migration
     * password to migrate only, no database variable for the gateway, each service its own token.
     */
    private static void assertEachServiceGetsOnlyItsOwnSecrets(JsonNode services) {
        Map<String, String> workloads = Map.of("migrate", WorkloadSecrets.MIGRATION, "tenant-service", "tenant-service",
                "webhook-gateway", "webhook-gateway", "enhancement-worker", "enhancement-worker",
                "provisioning-service", "provisioning-service", "gates-runner", "gates-runner",
                "operator-console", "operator-console");
        workloads.forEach((composeService, workload) -> {
            java.util.Set<String> secrets = new java.util.TreeSet<>();
            services.path(composeService).path("environment").fieldNames().forEachRemaining(variable -> {
                if (WorkloadSecrets.SECRET_VARIABLE.matcher(variable).matches()) {
                    secrets.add(variable);
                }
            });
            assertThat(secrets).as(composeService + ": its secret and database variables")
                    .isEqualTo(WorkloadSecrets.composeVariables(workload));
        });
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

    private record Module(String dir, int appPort, int adminPort) {
    }
}
