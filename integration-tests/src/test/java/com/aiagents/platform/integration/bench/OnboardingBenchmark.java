package com.aiagents.platform.integration.bench;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.sdpsim.testing.SimulatorControl;
import com.aiagents.platform.integration.support.TenantIds;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Onboarding wall time, one call from nothing to {@code active}, through the whole platform
 * in-process ({@link Platform}: every service real, the machine's PostgreSQL and Redis, the SDP
 * simulator, fabric8's mock API server in {@code cluster} mode or a temporary directory in
 * {@code manifests} mode). Not a unit test: run it with
 * {@code mvn -B -pl integration-tests -am verify -Pbench -DskipTests} (prints a Markdown table).
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
        List<String> rows = new ArrayList<>();
        for (String mode : List.of("cluster", "manifests")) {
            Platform platform = mode.equals("cluster") ? Platform.inClusterMode() : Platform.inManifestsMode();
            platform.beforeAll(null);
            try {
                JsonHttp api = platform.provisioning();
                for (String tier : List.of("basic", "premium")) {
                    onboard(api, platform.sdp(), tier); // warm-up, not counted
                    List<Run> measured = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        measured.add(onboard(api, platform.sdp(), tier));
                    }
                    rows.add(row(mode, tier, measured));
                }
            } finally {
                platform.afterAll(null);
            }
        }
        out.println("| mode | tier | runs | median s | p95 s | max s | slowest step (median ms) |");
        out.println("|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        System.exit(0);
    }

    private record Run(double seconds, Map<String, Long> stepMillis) {
    }

    private static Run onboard(JsonHttp api, SimulatorControl sdp, String tier) {
        String tenant = TenantIds.unique("bench");
        String servicedeskUrl = sdp.createInstance(tenant, "SDP-KEY-" + tenant);
        sdp.seed(tenant, Platform.RESOLVED_REQUESTS, 1); // gate 2 fails on a tenant without history
        String body = "{\"tenant_id\": \"" + tenant + "\", \"name\": \"Bench " + tenant + "\", \"tier\": \"" + tier + "\","
                + " \"admin_contact_email\": \"ops@bench.example\","
                + " \"servicedesk_url\": \"" + servicedeskUrl + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-" + tenant + "\"}}";
        long start = System.nanoTime();
        JsonHttp.Reply reply = api.post("/v1/onboardings", Platform.ADMIN, body);
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
}
