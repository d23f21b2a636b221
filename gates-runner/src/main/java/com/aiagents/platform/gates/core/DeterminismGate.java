package com.aiagents.platform.gates.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gate 2: the worker runs the tenant's pipeline (context, prompt, deterministic synthesis) on a
 * fixed synthetic ticket N times with one seed; the gate passes when every run produced the same
 * hash. It compares the hashes itself rather than trusting the worker's {@code identical} flag, and
 * on a mismatch names the first stage (in pipeline order) whose hash differs between runs.
 */
public final class DeterminismGate implements Gate {
    private final PlatformServices services;
    private final int runs;
    private final long seed;

    public DeterminismGate(PlatformServices services, int runs, long seed) {
        this.services = services;
        this.runs = runs;
        this.seed = seed;
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String name() {
        return "Determinism Proof";
    }

    @Override
    public GateOutcome run(GateContext context) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runs_requested", runs);
        details.put("seed", seed);
        PeerHttp.Reply reply;
        try {
            reply = services.determinismProbe(context.tenantId(), runs, seed);
        } catch (PeerCallException e) {
            return GateOutcome.fail("Determinism probe unreachable: " + e.getMessage(), details);
        }
        if (!reply.successful()) {
            return GateOutcome.fail("Determinism probe failed: " + reply.describe(), details);
        }
        JsonNode answer = reply.json();
        JsonNode runNodes = answer.path("runs");
        List<String> hashes = new ArrayList<>();
        List<Map<String, String>> stages = new ArrayList<>();
        for (JsonNode run : runNodes) {
            hashes.add(run.path("hash").asText(null));
            Map<String, String> stageHashes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = run.path("stages").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> stage = it.next();
                stageHashes.put(stage.getKey(), stage.getValue().asText(null));
            }
            stages.add(stageHashes);
        }
        details.put("hashes", hashes);
        details.put("stages", stages);
        details.put("worker_identical", answer.path("identical").asBoolean(false));
        if (hashes.size() < runs || hashes.stream().anyMatch(h -> h == null || h.isBlank())) {
            return GateOutcome.fail("Determinism probe returned " + hashes.size() + " usable run(s) of " + runs
                    + " requested", details);
        }
        String first = hashes.get(0);
        long identical = hashes.stream().filter(first::equals).count();
        if (identical == hashes.size()) {
            return GateOutcome.pass(identical + "/" + hashes.size() + " runs produced identical hash", details);
        }
        String stage = firstDifferingStage(stages);
        if (stage == null) {
            stage = answer.path("first_differing_stage").asText("unknown");
        }
        details.put("first_differing_stage", stage);
        int run = firstDifferingRun(hashes);
        return GateOutcome.fail("Non-deterministic stage '" + stage + "': run " + (run + 1) + " hash differs from run 1 ("
                + identical + "/" + hashes.size() + " runs produced identical hash)", details);
    }

    /** The first stage, in the order the worker lists them, whose hash is not the same in every run. */
    static String firstDifferingStage(List<Map<String, String>> stages) {
        if (stages.isEmpty()) {
            return null;
        }
        for (String stage : stages.get(0).keySet()) {
            String reference = stages.get(0).get(stage);
            for (Map<String, String> run : stages) {
                if (!Objects.equals(reference, run.get(stage))) {
                    return stage;
                }
            }
        }
        return null;
    }

    private static int firstDifferingRun(List<String> hashes) {
        for (int i = 1; i < hashes.size(); i++) {
            if (!hashes.get(i).equals(hashes.get(0))) {
                return i;
            }
        }
        return 0;
    }
}
