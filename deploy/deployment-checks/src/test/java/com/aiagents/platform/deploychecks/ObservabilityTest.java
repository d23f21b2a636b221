package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/observability: the rules and scrape configs pass promtool (installed by .ci/run where apt
 * works); without it they are at least parsed and checked here. Dashboards are valid JSON on the
 * provisioned datasource.
 */
class ObservabilityTest {
    private static final Path PROMETHEUS = Repo.path("deploy/observability/prometheus");
    /**
     * What our code registers, plus Prometheus' own series and the JVM gauge of simpleclient_hotspot
     * (DefaultExports, registered by common-core's PrometheusMetrics).
     */
    private static final Set<String> KNOWN_METRICS = known();
    /** docs/observability.md: these names are promised to operators. */
    private static final List<String> CONTRACT_METRICS = List.of("webhook_requests_total", "enhancement_requests_total",
            "enhancement_request_duration_seconds_bucket", "redis_queue_depth", "worker_active_tasks", "gate_runs_total");

    private static Set<String> known() {
        Set<String> known = new java.util.TreeSet<>(CodeMetrics.exposedNames());
        known.addAll(List.of("up", "ALERTS", "jvm_memory_bytes_used"));
        // kube-state-metrics, part of any cluster monitoring stack (DeploymentUnavailable reads it)
        known.add("kube_deployment_status_replicas_available");
        return known;
    }

    @Test
    void theCodeRegistersTheContractsMetricsAndTheCircuitBreakerGauges() {
        assertThat(KNOWN_METRICS).containsAll(CONTRACT_METRICS)
                .contains("gate_revalidation_failures_total", "circuit_breaker_open", "sdp_circuit_open",
                        "onboarding_step_failures_total", "onboardings");
    }

    @Test
    void rulesParseAndEveryAlertLinksAnExistingRunbookSection() throws IOException {
        List<String> alerts = new ArrayList<>();
        List<String> records = recordedNames();
        for (Path file : Repo.files("deploy/observability/prometheus/rules", ".yml")) {
            for (JsonNode group : Repo.yaml(file).path("groups")) {
                assertThat(group.path("name").asText()).isNotBlank();
                for (JsonNode rule : group.path("rules")) {
                    String expr = rule.path("expr").asText();
                    assertThat(expr).as(file + " rule expr").isNotBlank();
                    assertMetricsKnown(expr, records);
                    if (rule.has("record")) {
                        continue;
                    }
                    alerts.add(rule.path("alert").asText());
                    assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                    assertRunbookExists(runbookPath(rule.path("annotations").path("runbook_url").asText()));
                }
            }
        }
        assertThat(records).contains("tenant:enhancement_success_ratio:rate5m");
        assertThat(alerts).contains("WebhookSignatureFailures", "EnhancementSuccessRateLow", "EnhancementLatencyHigh",
                "QueueDepthGrowing", "DeadLetters", "GateRevalidationFailed", "CircuitBreakerOpen",
                "TenantSdpCircuitOpen", "WebhookAvailabilityFastBurn", "NoteLatencyFastBurn", "ServiceDown",
                "NoWorkerActive", "GatewayRefusingWebhooks", "OnboardingFailed", "OnboardingsNeedAttention", "DeadLettersGrowing");
    }

    /** An alert nobody has seen fire may never fire; one nobody has seen stay quiet pages for nothing. */
    @Test
    void everyAlertHasAPromtoolCaseThatFiresItAndOneThatKeepsItQuiet() {
        java.util.Set<String> alerts = new java.util.TreeSet<>();
        for (Path file : Repo.files("deploy/observability/prometheus/rules", ".yml")) {
            for (JsonNode group : Repo.yaml(file).path("groups")) {
                group.path("rules").forEach(rule -> {
                    if (rule.has("alert")) {
                        alerts.add(rule.get("alert").asText());
                    }
                });
            }
        }
        java.util.Set<String> fired = new java.util.TreeSet<>();
        java.util.Set<String> quiet = new java.util.TreeSet<>();
        for (JsonNode test : Repo.yaml(PROMETHEUS.resolve("tests/alerts-test.yml")).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : fired).add(check.path("alertname").asText());
            }
        }
        assertThat(fired).as("alerts with a promtool case that fires them").containsAll(alerts);
        assertThat(quiet).as("alerts with a promtool case that keeps them quiet").containsAll(alerts);
    }

    /** Routing by severity and tenant, checked by Alertmanager's own amtool where the machine has it. */
    @Test
    void alertmanagerRoutesBySeverityAndTenant() throws Exception {
        Path config = Repo.path("deploy/observability/alertmanager/alertmanager.yml");
        JsonNode route = Repo.yaml(config).path("route");
        assertThat(route.path("receiver").asText()).isNotBlank();
        Optional<ExternalTool> amtool = ExternalTool.required("amtool", "AMTOOL", "alertmanager.yml checked as YAML only");
        if (amtool.isEmpty()) {
            return;
        }
        Path dir = config.getParent();
        assertSucceeds(amtool.get().run(dir, "check-config", "alertmanager.yml"));
        String[][] cases = {
            {"oncall-pager", "severity=critical", "alertname=ServiceDown", "service=tenant-service"},
            {"ops-tickets", "severity=warning", "alertname=InstanceDown"},
            {"oncall-pager", "severity=critical", "alertname=EnhancementSuccessRateLow", "tenant_id=acme-corp"},
            {"ops-tickets", "severity=warning", "alertname=TenantSdpCircuitOpen", "tenant_id=acme-corp"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=alertmanager.yml",
                    "--verify.receivers=" + c[0]));
            args.addAll(List.of(c).subList(1, c.length));
            assertSucceeds(amtool.get().run(dir, args.toArray(String[]::new)));
        }
        ExternalTool.Outcome wrong = amtool.get().run(dir, "config", "routes", "test", "--config.file=alertmanager.yml",
                "--verify.receivers=oncall-pager", "severity=warning", "alertname=InstanceDown");
        assertThat(wrong.exitCode()).as("a warning must not page: " + wrong.printed()).isNotZero();
    }

    /**
     * An inhibit rule mutes its target only when every label it compares ({@code equal}) has the same value on both
     * alerts: a label only the source carries (ServiceDown's {@code service}, while kube-state-metrics gives
     * DeploymentUnavailable a {@code deployment}) never matches, and the rule silently mutes nothing. So both sides
     * must carry every compared label.
     * The labels are those promtool's rule tests prove each alert fires with (exp_labels, checked by
     * {@link #promtoolAcceptsTheRulesTheConfigsAndTheRuleTests}).
     */
    @Test
    void everyInhibitRuleComparesLabelsBothOfItsAlertsCarry() {
        java.util.Map<String, List<JsonNode>> firedWith = new java.util.TreeMap<>();
        for (JsonNode test : Repo.yaml(PROMETHEUS.resolve("tests/alerts-test.yml")).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                check.path("exp_alerts").forEach(alert -> firedWith
                        .computeIfAbsent(check.path("alertname").asText(), k -> new ArrayList<>())
                        .add(alert.path("exp_labels")));
            }
        }
        JsonNode rules = Repo.yaml(Repo.path("deploy/observability/alertmanager/alertmanager.yml")).path("inhibit_rules");
        assertThat(rules).isNotEmpty();
        for (JsonNode rule : rules) {
            List<String> equal = new ArrayList<>();
            rule.path("equal").forEach(label -> equal.add(label.asText()));
            for (String side : List.of("source_matchers", "target_matchers")) {
                java.util.regex.Pattern names = alertnames(rule.path(side));
                List<String> matched = firedWith.keySet().stream().filter(n -> names.matcher(n).matches()).toList();
                assertThat(matched).as(rule + ": alerts matching its " + side).isNotEmpty();
                for (String alert : matched) {
                    for (JsonNode labels : firedWith.get(alert)) {
                        for (String label : equal) {
                            assertThat(labels.hasNonNull(label))
                                    .as(rule + ": " + alert + " fires without " + label + " " + labels).isTrue();
                        }
                    }
                }
            }
        }
    }

    /** The alert names an inhibit rule's matchers select: {@code alertname="X"} or {@code alertname=~"X|Y"}. */
    private static java.util.regex.Pattern alertnames(JsonNode matchers) {
        for (JsonNode matcher : matchers) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^alertname(=~?)\"(.*)\"$").matcher(matcher.asText());
            if (m.matches()) {
                return java.util.regex.Pattern.compile(m.group(1).equals("=") ? java.util.regex.Pattern.quote(m.group(2))
                        : m.group(2));
            }
        }
        throw new AssertionError("inhibit rule matchers without alertname: " + matchers);
    }

    /** runbook_url is {{ $externalLabels.runbook_base }}/docs/runbooks/...: the repository path after the base. */
    private static String runbookPath(String runbookUrl) {
        String base = "{{ $externalLabels.runbook_base }}/";
        assertThat(runbookUrl).as("runbook_url").startsWith(base + "docs/runbooks/");
        return runbookUrl.substring(base.length());
    }

    /** The series the recording rules write (alerts and dashboards may read them). */
    private static List<String> recordedNames() {
        List<String> records = new ArrayList<>();
        for (Path file : Repo.files("deploy/observability/prometheus/rules", ".yml")) {
            for (JsonNode group : Repo.yaml(file).path("groups")) {
                group.path("rules").forEach(rule -> {
                    if (rule.has("record")) {
                        records.add(rule.get("record").asText());
                    }
                });
            }
        }
        return records;
    }

    @Test
    void promtoolAcceptsTheRulesTheConfigsAndTheRuleTests() throws Exception {
        Optional<ExternalTool> promtool = ExternalTool.required("promtool", "PROMTOOL",
                "rules, configs and rule tests checked as YAML only");
        if (promtool.isEmpty()) {
            return;
        }
        List<String> rules = Repo.files("deploy/observability/prometheus/rules", ".yml").stream()
                .map(p -> PROMETHEUS.relativize(p).toString()).toList();
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        args.addAll(rules);
        assertSucceeds(promtool.get().run(PROMETHEUS, args.toArray(String[]::new)));
        assertSucceeds(promtool.get().run(PROMETHEUS, "check", "config", "--syntax-only", "prometheus.yml",
                "prometheus-kubernetes.yml"));
        assertSucceeds(promtool.get().run(PROMETHEUS, "test", "rules", "tests/alerts-test.yml"));
    }

    @Test
    void scrapeConfigsCoverEveryServicesAdminPort() {
        String compose = Repo.read(PROMETHEUS.resolve("prometheus.yml"));
        String kubernetes = Repo.read(PROMETHEUS.resolve("prometheus-kubernetes.yml"));
        for (String target : List.of("tenant-service:9081", "webhook-gateway:9080", "enhancement-worker:9082",
                "provisioning-service:9083", "gates-runner:9084", "operator-console:9085")) {
            assertThat(compose).contains(target);
            String service = target.substring(0, target.indexOf(':'));
            assertThat(kubernetes).contains(service + "-metrics.ai-agents.svc.cluster.local");
        }
        assertThat(Repo.yaml(PROMETHEUS.resolve("prometheus.yml")).path("rule_files").toString())
                .contains("/etc/prometheus/rules/*.yml");
    }

    @Test
    void dashboardsAreProvisionedJsonOnThePrometheusDatasource() throws IOException {
        JsonNode datasources = Repo.yaml(Repo.path("deploy/observability/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasources.path("datasources").get(0).path("uid").asText()).isEqualTo("prometheus");
        List<Path> dashboards = Repo.files("deploy/observability/grafana/dashboards", ".json");
        assertThat(dashboards.stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("fleet-overview.json", "tenant.json", "queue-and-workers.json");
        for (Path file : dashboards) {
            JsonNode dashboard = Repo.JSON.readTree(file.toFile());
            assertThat(dashboard.path("uid").asText()).startsWith("ai-agents-");
            assertThat(dashboard.path("panels")).isNotEmpty();
            assertNoPanelsOverlap(file, dashboard.path("panels"));
            assertThat(variable(dashboard, "datasource").path("type").asText()).as(file + ": templated datasource")
                    .isEqualTo("datasource");
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    assertMetricsKnown(expr, recordedNames());
                    // every worker replica reports the same Redis lists: summing multiplies the depth
                    assertThat(expr).as(file + ": " + expr).doesNotContainPattern("sum[^(]*\\(\\s*redis_queue_depth");
                }
            }
        }
        // Built for 100-1,000 tenants: no panel of the fleet dashboard draws a line per tenant.
        JsonNode fleet = Repo.JSON.readTree(Repo.path("deploy/observability/grafana/dashboards/fleet-overview.json").toFile());
        for (JsonNode panel : fleet.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                boolean perTenant = expr.startsWith("tenant:") || expr.contains("by (tenant_id");
                assertThat(!perTenant || expr.startsWith("topk(") || expr.startsWith("bottomk("))
                        .as("fleet panel '" + panel.path("title").asText() + "' draws every tenant: " + expr).isTrue();
            }
        }
        JsonNode tenant = Repo.JSON.readTree(Repo.path("deploy/observability/grafana/dashboards/tenant.json").toFile());
        assertThat(variable(tenant, "tenant_id").path("type").asText()).isEqualTo("query");
        assertThat(tenant.toString()).contains("tenant_id=\\\"$tenant_id\\\"");
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("dashboard " + dashboard.path("uid").asText() + " has no variable " + name);
    }

    /** Grafana would push overlapping panels around; the layout in the file is the one people see. */
    private static void assertNoPanelsOverlap(Path file, JsonNode panels) {
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode a = panels.get(i).path("gridPos");
                JsonNode b = panels.get(j).path("gridPos");
                boolean apart = a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                        || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                        || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                        || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
                assertThat(apart).as(file.getFileName() + ": panels " + panels.get(i).path("title") + " and "
                        + panels.get(j).path("title") + " overlap").isTrue();
            }
        }
    }

    private static void assertMetricsKnown(String expr, List<String> recorded) {
        for (String name : PromQl.metricNames(expr)) {
            assertThat(KNOWN_METRICS.contains(name) || recorded.contains(name)).as("metric " + name + " in " + expr)
                    .isTrue();
        }
    }

    private static void assertRunbookExists(String runbook) {
        String file = runbook.contains("#") ? runbook.substring(0, runbook.indexOf('#')) : runbook;
        Path path = Repo.path(file);
        assertThat(Files.isRegularFile(path) || file.equals("docs/runbooks/onboarding.md"))
                .as("runbook " + file + " exists").isTrue();
        if (runbook.contains("#") && Files.isRegularFile(path)) {
            String anchor = runbook.substring(runbook.indexOf('#') + 1);
            List<String> anchors = Repo.read(path).lines().filter(l -> l.startsWith("#"))
                    .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
                            .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                    .toList();
            assertThat(anchors).as("section #" + anchor + " in " + file).contains(anchor);
        }
    }

    private static void assertSucceeds(ExternalTool.Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.printed()).isZero();
    }
}
