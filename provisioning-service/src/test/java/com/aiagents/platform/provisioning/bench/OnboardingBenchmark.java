package com.aiagents.platform.provisioning.bench;

import com.aiagents.platform.provisioning.kubernetes.ClusterKubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.MockCluster;
import com.aiagents.platform.provisioning.kubernetes.TenantResourcePlanner;
import com.aiagents.platform.provisioning.support.Api;
import com.aiagents.platform.provisioning.support.Gates;
import com.aiagents.platform.provisioning.support.FakeWorker;
import com.aiagents.platform.provisioning.support.ProvisioningApp;
import com.aiagents.platform.provisioning.support.SdpSimulator;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Onboarding wall time, one call from nothing to {@code active}, through the services in-process:
 * the real tenant-service (own migrated database on the machine's PostgreSQL), the real SDP
 * simulator, provisioning-service with fabric8's mock API server ({@code cluster}) or a temporary
 * directory ({@code manifests}), and gates-runner's documented API on a stand-in that still does
 * real work per gate (records {@code gate_runs}, calls SDP, asks provisioning for the Kubernetes
 * status). Not a unit test: run it with
 * {@code mvn -B -pl provisioning-service -am verify -Pbench -DskipTests} (prints a Markdown table).
 *
 * <p>Arguments: {@code [runs per tier and mode, default 10]}.
 */
public final class OnboardingBenchmark {
    private OnboardingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        TenantServiceExtension tenants = new TenantServiceExtension();
        tenants.beforeAll(null);
        Path manifests = Files.createTempDirectory("onboarding-bench");
        List<String> rows = new ArrayList<>();
        try (SdpSimulator sdp = new SdpSimulator();
             FakeWorker worker = new FakeWorker(TenantServiceExtension.SERVICE_TOKEN);
             Gates gates = new Gates(tenants.database(), TenantServiceExtension.SERVICE_TOKEN, tenants.baseUrl());
             MockCluster cluster = new MockCluster()) {
            for (String mode : List.of("cluster", "manifests")) {
                ProvisioningApp.Builder builder = ProvisioningApp.builder(tenants.database())
                        .tenantService(tenants.baseUrl()).gatesRunner(gates.baseUrl()).worker(worker.baseUrl())
                        .set("logging.level", "WARN");
                if (mode.equals("cluster")) {
                    builder.kubernetes(config -> new ClusterKubernetesProvisioner(cluster.newClient(),
                            new TenantResourcePlanner(config.settings())));
                } else {
                    // with the Secret written, as on a throw-away local cluster: without it a basic tenant has
                    // no manifest at all and gate 4 finds no Kubernetes object to check
                    builder.set("kubernetes.mode", "manifests").set("kubernetes.manifestsDir", manifests.toString())
                            .set("kubernetes.includeSecretValues", "true");
                }
                try (ProvisioningApp app = builder.start()) {
                    gates.provisioningAt(app.baseUrl());
                    Api api = new Api(app.baseUrl());
                    for (String tier : List.of("basic", "premium")) {
                        onboard(api, sdp, tier); // warm-up, not counted
                        List<Run> measured = new ArrayList<>();
                        for (int i = 0; i < runs; i++) {
                            measured.add(onboard(api, sdp, tier));
                        }
                        rows.add(row(mode, tier, measured));
                    }
                }
            }
        } finally {
            tenants.afterAll(null);
            deleteRecursively(manifests);
        }
        out.println("| mode | tier | runs | median s | p95 s | max s | slowest step (median ms) |");
        out.println("|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        System.exit(0);
    }

    private record Run(double seconds, Map<String, Long> stepMillis) {
    }

    private static Run onboard(Api api, SdpSimulator sdp, String tier) {
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"tenant_id\": \"" + tenant + "\", \"name\": \"Bench " + tenant + "\", \"tier\": \"" + tier + "\","
                + " \"admin_contact_email\": \"ops@bench.example\","
                + " \"servicedesk_url\": \"" + sdp.instance(tenant, "SDP-KEY-" + tenant) + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-" + tenant + "\"}}";
        long start = System.nanoTime();
        Api.Reply reply = api.post("/v1/onboardings", TenantServiceExtension.ADMIN_TOKEN, body);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (reply.status() != 201 || !"succeeded".equals(reply.json().path("status").asText())) {
            StringBuilder failed = new StringBuilder();
            reply.json().path("steps").forEach(step -> {
                if ("failed".equals(step.path("status").asText())) {
                    failed.append(' ').append(step.path("name").asText()).append(": ").append(step.path("error").asText());
                }
            });
            throw new IllegalStateException("onboarding did not succeed (" + reply.status() + ")" + failed);
        }
        Map<String, Long> steps = new LinkedHashMap<>();
        for (JsonNode step : reply.json().path("steps")) {
            steps.put(step.path("name").asText(), step.path("duration_ms").asLong());
        }
        return new Run(seconds, steps);
    }

    private static String row(String mode, String tier, List<Run> runs) {
        List<Double> seconds = runs.stream().map(Run::seconds).sorted().toList();
        Map<String, Long> medians = new LinkedHashMap<>();
        for (String step : runs.get(0).stepMillis().keySet()) {
            List<Long> values = runs.stream().map(r -> r.stepMillis().get(step)).sorted().toList();
            medians.put(step, values.get(values.size() / 2));
        }
        Map.Entry<String, Long> slowest = medians.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
                .orElseThrow();
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %s (%d) |", mode, tier, runs.size(),
                seconds.get(seconds.size() / 2), seconds.get(Math.min(seconds.size() - 1, (int) Math.ceil(seconds.size() * 0.95) - 1)),
                seconds.get(seconds.size() - 1), slowest.getKey(), slowest.getValue());
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
