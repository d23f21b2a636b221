package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/runbooks: every API call names a route its service serves (path and HTTP method, from the
 * JAX-RS sources), admin-port calls name Dropwizard's admin endpoints, redis-cli reads the queue's
 * real keys (common-api's QueueNames), and SQL reads tables the migrations create. What a command
 * prints is checked by hand against a local run; this keeps the names from going stale.
 */
class RunbookCommandsTest {
    private static final Map<String, String> MODULE_BY_VARIABLE = Map.of("TS", "tenant-service", "GW", "webhook-gateway",
            "WK", "enhancement-worker", "PS", "provisioning-service", "GR", "gates-runner", "SIM", "deploy/sdp-simulator");
    private static final Map<String, String> MODULE_BY_PORT = Map.of("8081", "tenant-service", "8080", "webhook-gateway",
            "8082", "enhancement-worker", "8083", "provisioning-service", "8084", "gates-runner",
            "8090", "deploy/sdp-simulator");
    private static final Set<String> ADMIN_PORTS = Set.of("9080", "9081", "9082", "9083", "9084", "9090");
    private static final Set<String> ADMIN_ENDPOINTS = Set.of("/healthcheck", "/health-check", "/metrics", "/ping");
    private static final Pattern URL = Pattern.compile(
            "(?:\\$(TS|GW|WK|PS|GR|SIM)|\"?http://127\\.0\\.0\\.1:(\\d{4}))(/[^\\s\"'`)|]*)");
    private static final Pattern CURL_METHOD = Pattern.compile("\\s-X\\s+([A-Z]+)");
    private static final Pattern PROSE_METHOD = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE)\\s+$");
    private static final Pattern REDIS_KEY = Pattern.compile("redis-cli\\s+-u\\s+\"\\$REDIS_URL\"\\s+(?:LLEN|LRANGE)\\s+(\\S+)");
    private static final Pattern REDIS_SCAN = Pattern.compile("--pattern\\s+'([^']+)'");
    private static final Pattern SQL_TABLE = Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO)\\s+([a-z_]+)\\b");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)");
    private static final Pattern QUEUE_NAME = Pattern.compile("String (INGRESS) = \"([^\"]+)\"");
    private static final Set<String> CATALOG = Set.of("pg_roles", "pg_class", "pg_stat_activity", "flyway_schema_history");

    @Test
    void everyApiCallInTheRunbooksIsARouteOfItsService() {
        Map<String, JaxRsRoutes> routes = new java.util.HashMap<>();
        List<String> checked = new ArrayList<>();
        for (Line line : runbookLines()) {
            Matcher url = URL.matcher(line.text());
            while (url.find()) {
                if (url.group(2) != null && !line.text().contains("curl ")) {
                    continue; // an address in a JSON body or in printed output, not a call
                }
                String path = normalised(url.group(3));
                if (url.group(2) != null && ADMIN_PORTS.contains(url.group(2))) {
                    assertThat(ADMIN_ENDPOINTS).as(line + ": admin endpoint").anyMatch(path::startsWith);
                    continue;
                }
                String module = url.group(1) != null ? MODULE_BY_VARIABLE.get(url.group(1)) : MODULE_BY_PORT.get(url.group(2));
                assertThat(module).as(line + ": a known service port").isNotNull();
                assertThat(path).as(line + ": operators never call internal endpoints").doesNotStartWith("/internal/");
                String method = method(line.text(), url.start());
                assertThat(routes.computeIfAbsent(module, JaxRsRoutes::of).serves(method, path))
                        .as(line + ": " + module + " serves " + (method == null ? "" : method + " ") + path).isTrue();
                checked.add(method + " " + path);
            }
        }
        assertThat(checked).as("the runbooks' API calls were found").hasSizeGreaterThan(30)
                .contains("POST /v1/onboardings", "DELETE /v1/onboardings/x", "POST /v1/queue/dead/x/requeue");
    }

    @Test
    void redisCommandsReadTheQueuesRealKeys() {
        Map<String, String> names = new java.util.HashMap<>();
        Matcher m = QUEUE_NAME.matcher(Repo.read(Repo.path(
                "common/api/src/main/java/com/aiagents/platform/api/QueueNames.java")));
        while (m.find()) {
            names.put(m.group(1), m.group(2));
        }
        String ingress = names.get("INGRESS");
        // the other keys carry the hash tag {<ingress>}, quoted for the shell (docs/queue.md)
        String tagged = "'{" + ingress + "}";
        Set<String> allowed = Set.of(ingress, tagged + ":dead'", tagged + ":acme-corp'");
        int keys = 0;
        for (Line line : runbookLines()) {
            Matcher key = REDIS_KEY.matcher(line.text());
            while (key.find()) {
                assertThat(allowed).as(line + ": a key of QueueNames (or a tenant's list)").contains(key.group(1));
                keys++;
            }
            Matcher scan = REDIS_SCAN.matcher(line.text());
            while (scan.find()) {
                assertThat(scan.group(1)).as(line.toString()).startsWith("{" + ingress + "}");
            }
        }
        assertThat(keys).isGreaterThan(4);
    }

    @Test
    void sqlReadsTablesTheMigrationsCreate() {
        Set<String> tables = new HashSet<>(CATALOG);
        StringBuilder migrations = new StringBuilder();
        for (Path file : Repo.files("common/schema/src/main/resources/db/migration", ".sql")) {
            migrations.append(Repo.read(file));
        }
        Matcher created = CREATE_TABLE.matcher(migrations);
        while (created.find()) {
            tables.add(created.group(1));
        }
        assertThat(migrations.toString()).contains("FUNCTION set_tenant_context(");
        int read = 0;
        for (Line line : runbookLines()) {
            if (!line.text().contains("psql") && !line.text().matches("\\s*(SELECT|BEGIN|--|\\\\copy|\\(').*")
                    && !line.inSql()) {
                continue;
            }
            Matcher table = SQL_TABLE.matcher(line.text());
            while (table.find()) {
                assertThat(tables).as(line + ": table " + table.group(1)).contains(table.group(1));
                read++;
            }
        }
        assertThat(read).isGreaterThan(10);
    }

    /** A placeholder segment ({@code <job_id>}, {@code $ID}) becomes one segment; query and punctuation go. */
    private static String normalised(String path) {
        String noQuery = path.replaceFirst("\\?.*$", "").replaceFirst("[.,:;]+$", "");
        return noQuery.replaceAll("<[^>/]+>", "x").replaceAll("\\$[A-Z_]+", "x");
    }

    /** curl: -X, else -d means POST, else GET; prose ("PATCH $TS/..."): the word before; otherwise unknown. */
    private static String method(String text, int urlStart) {
        if (text.contains("curl ")) {
            Matcher explicit = CURL_METHOD.matcher(text);
            if (explicit.find()) {
                return explicit.group(1);
            }
            return text.matches(".*\\s-d\\s.*") ? "POST" : "GET";
        }
        Matcher prose = PROSE_METHOD.matcher(text.substring(0, urlStart).replaceAll("[`\"]", ""));
        return prose.find() ? prose.group(1) : null;
    }

    /** Every line of every runbook, continuation lines joined; {@code inSql}: inside a psql heredoc. */
    private static List<Line> runbookLines() {
        List<Line> lines = new ArrayList<>();
        for (Path file : Repo.files("docs/runbooks", ".md")) {
            boolean sql = false;
            int number = 0;
            for (String text : Repo.read(file).replaceAll("\\\\\n\\s*", " ").split("\n")) {
                number++;
                if (text.contains("<<'SQL'")) {
                    sql = true;
                } else if (text.strip().equals("SQL")) {
                    sql = false;
                }
                lines.add(new Line(file.getFileName() + ":" + number, text, sql));
            }
        }
        return lines;
    }

    private record Line(String where, String text, boolean inSql) {
        @Override
        public String toString() {
            return where + " `" + text.strip() + "`";
        }
    }
}
