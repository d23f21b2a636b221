package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each service's {@code health:} section (docs/health.md): readiness on the admin port, and exactly
 * the service's own dependencies critical. A peer service marked critical would bring back the
 * deadlock this design removes (gates-runner and provisioning-service each waiting for the other to
 * be ready, since a Service routes only to ready pods).
 */
class HealthChecksConfigTest {
    static final String READINESS_PATH = "/health-check";
    static final String LIVENESS_PATH = "/health-check/alive";
    private static final Set<String> PEERS = Set.of("tenant-service", "webhook-gateway", "enhancement-worker",
            "provisioning-service", "gates-runner", "operator-console");
    /** What takes a pod out of rotation; everything else is a degraded, non-critical check. */
    private static final Map<String, Set<String>> CRITICAL = Map.of(
            "tenant-service", Set.of("postgresql"),
            "webhook-gateway", Set.of("redis"),
            "enhancement-worker", Set.of("postgresql", "redis"),
            "gates-runner", Set.of("postgresql"),
            "provisioning-service", Set.of("postgresql"),
            // no dependency of its own: it only calls the services, all non-critical
            "operator-console", Set.of());

    @Test
    void everyServiceServesReadinessAndLivenessOnTheAdminPort() {
        for (String service : ServiceConfigs.MODULE_DIRS.keySet()) {
            JsonNode health = health(service);
            assertThat(health.at("/responder/type").asText()).as(service).isEqualTo("admin");
            assertThat(health.path("healthCheckUrlPaths").isMissingNode()
                    || health.path("healthCheckUrlPaths").toString().equals("[\"" + READINESS_PATH + "\"]"))
                    .as(service + ": readiness at " + READINESS_PATH).isTrue();
            assertThat(health.at("/responder/livenessPaths").isMissingNode()).as(service + ": liveness at the default "
                    + LIVENESS_PATH).isTrue();
            JsonNode deadlocks = check(health, "deadlocks");
            assertThat(deadlocks.path("type").asText()).as(service + ": the liveness check").isEqualTo("alive");
        }
    }

    @Test
    void onlyAServicesOwnDependenciesAreCriticalAndNeverAPeer() {
        for (String service : ServiceConfigs.MODULE_DIRS.keySet()) {
            Set<String> critical = new TreeSet<>();
            Set<String> named = new TreeSet<>();
            for (JsonNode check : health(service).path("healthChecks")) {
                named.add(check.path("name").asText());
                if (check.path("critical").asBoolean(false) && !"alive".equals(check.path("type").asText())) {
                    critical.add(check.path("name").asText());
                }
            }
            assertThat(critical).as(service + ": critical checks").isEqualTo(CRITICAL.get(service));
            assertThat(critical).as(service).doesNotContainAnyElementsOf(PEERS);
            assertThat(named).as(service + ": every peer it polls is listed (non-critical)")
                    .containsAll(peersPolledBy(service));
        }
    }

    /** The peers whose {@code *_HEALTH_URL} the service reads: each is a health check of that name. */
    private static Set<String> peersPolledBy(String service) {
        Set<String> peers = new TreeSet<>();
        for (String variable : ServiceConfigs.loopbackUrlVariables(service)) {
            if (variable.endsWith("_HEALTH_URL")) {
                peers.add(variable.substring(0, variable.length() - "_HEALTH_URL".length()).toLowerCase().replace('_', '-'));
            }
        }
        return peers;
    }

    private static JsonNode health(String service) {
        JsonNode health = Repo.yaml(Repo.path(ServiceConfigs.MODULE_DIRS.get(service) + "/config.yml")).path("health");
        assertThat(health.isObject()).as(service + " config.yml has a health: section").isTrue();
        return health;
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("healthChecks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name + " in " + health);
    }
}
