package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every service's connection pool at its maximum replica count, added up, fits the PostgreSQL the
 * overlay declares (annotation ai-agents.io/postgres-max-connections on ConfigMap ai-agents-database),
 * with room for the migration Job and an operator's psql. A pool or replica change that would
 * exhaust max_connections under load fails here, not in production (docs/kubernetes.md).
 */
class DatabaseConnectionsTest {
    private static final int RESERVED = 10;
    /**
     * A worker's job holds a connection only inside its short transactions, never across an SDP or
     * LLM call, so beyond this many job slots the pool need not grow with them: at 64 slots and
     * 2 s LLM answers the capacity benchmark saw a handful of connections in use at once
     * (docs/kubernetes.md#database-connections, docs/benchmarks.md).
     */
    private static final int WORKER_JOB_CONNECTIONS = 16;
    private static final Map<String, String> DATABASE_SERVICES = Map.of("tenant-service", "tenant-service",
            "enhancement-worker", "enhancement-worker", "gates-runner", "gates-runner",
            "provisioning-service", "provisioning-service");
    private static final Pattern SETTING = Pattern.compile("\\$\\{([A-Z_]+):-([0-9]+)}|([0-9]+)");

    /** Production's database connections are encrypted (docs/transport-security.md). */
    @Test
    void prodRequiresTlsToTheDatabase() throws Exception {
        Optional<List<JsonNode>> rendered = RenderedOverlay.render("prod");
        if (rendered.isEmpty()) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "kubectl not installed: not checked");
            return;
        }
        String url = find(rendered.get(), "ConfigMap", "ai-agents-database").path("data").path("url").asText();
        assertThat(url).as("prod DATABASE_URL").containsPattern("[?&]sslmode=(require|verify-ca|verify-full)(&|$)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePoolsAtMaximumScaleFitTheDatabase(String overlay) throws Exception {
        Optional<List<JsonNode>> rendered = RenderedOverlay.render(overlay);
        if (rendered.isEmpty()) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "kubectl not installed: not checked");
            return;
        }
        List<JsonNode> docs = rendered.get();
        Map<String, String> config = new LinkedHashMap<>();
        find(docs, "ConfigMap", "ai-agents-config").path("data").fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        int capacity = Integer.parseInt(find(docs, "ConfigMap", "ai-agents-database").path("metadata")
                .path("annotations").path("ai-agents.io/postgres-max-connections").asText("0"));
        assertThat(capacity).as(overlay + ": the database's max_connections is declared").isPositive();

        int total = 0;
        StringBuilder sum = new StringBuilder();
        for (Map.Entry<String, String> service : DATABASE_SERVICES.entrySet()) {
            int replicas = maxReplicas(docs, service.getKey());
            int pool = setting(service.getValue(), "maxSize", config);
            total += replicas * pool;
            sum.append(service.getKey()).append(' ').append(replicas).append('x').append(pool).append("; ");
        }
        assertThat(total + RESERVED).as(overlay + ": " + sum + "plus " + RESERVED + " reserved, against max_connections "
                + capacity).isLessThanOrEqualTo(capacity);

        int concurrency = setting("enhancement-worker", "concurrency", config);
        assertThat(setting("enhancement-worker", "maxSize", config))
                .as(overlay + ": the worker's pool covers its job slots (up to " + WORKER_JOB_CONNECTIONS + ") and its API")
                .isGreaterThanOrEqualTo(Math.min(concurrency, WORKER_JOB_CONNECTIONS) + 2);
        // KEDA's threshold is the backlog one replica takes: its job slots (smaller, the fleet scales
        // out while each replica idles; larger, jobs wait while replicas could be added)
        assertThat(find(docs, "ScaledObject", "enhancement-worker").path("spec").path("triggers").path(0)
                .path("metadata").path("threshold").asText())
                .as(overlay + ": the worker's KEDA threshold is its WORKER_CONCURRENCY").isEqualTo(Integer.toString(concurrency));
    }

    private static int maxReplicas(List<JsonNode> docs, String service) {
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            JsonNode spec = doc.path("spec");
            if (kind.equals("HorizontalPodAutoscaler") && spec.path("scaleTargetRef").path("name").asText().equals(service)) {
                return spec.path("maxReplicas").asInt();
            }
            if (kind.equals("ScaledObject") && spec.path("scaleTargetRef").path("name").asText().equals(service)) {
                return spec.path("maxReplicaCount").asInt();
            }
        }
        return find(docs, "Deployment", service).path("spec").path("replicas").asInt(1);
    }

    /** A number from the service's config.yml, `${VAR:-default}` resolved against the overlay's ConfigMap. */
    private static int setting(String module, String key, Map<String, String> config) {
        Matcher line = Pattern.compile("(?m)^\\s+" + key + ":\\s*(\\S+)").matcher(Repo.read(Repo.path(module + "/config.yml")));
        assertThat(line.find()).as(module + "/config.yml sets " + key).isTrue();
        Matcher value = SETTING.matcher(line.group(1));
        assertThat(value.matches()).as(module + " " + key + " is a number or ${VAR:-number}").isTrue();
        if (value.group(3) != null) {
            return Integer.parseInt(value.group(3));
        }
        return Integer.parseInt(config.getOrDefault(value.group(1), value.group(2)));
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                        && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }
}
