package com.aiagents.platform.gates.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gate 2: the worker runs the tenant's pipeline on its real data N times with one seed, each run
 * independently: a snapshot of the tenant's context (ticket history, KB, inventory, fingerprinted,
 * and the sha256 of its composed prompt bundle), context retrieval, prompt, deterministic synthesis.
 * The composed prompt's sha256 is in the details: a probe that does not report it fails. The gate passes when every run produced the
 * same hash over a context that holds something: identical hashes over an empty context prove
 * nothing, so an empty snapshot, or a probe that retrieved nothing from it, fails. It compares the
 * hashes itself rather than trusting the worker's {@code identical} flag, and on a mismatch names
 * the first stage (in pipeline order) whose hash differs between runs. The snapshot's fingerprint
 * is in the details, so a changed context shows as a changed fingerprint and hash.
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
        JsonNode tenantContext = answer.path("context");
        if (!tenantContext.isObject()) {
            return GateOutcome.fail("Determinism probe did not report the tenant's context snapshot: identical hashes "
                    + "could not be tied to the tenant's data", details);
        }
        details.put("context", tenantContext);
        String composed = tenantContext.path("composed_prompt_sha256").asText("");
        if (!SHA256.matcher(composed).matches()) {
            return GateOutcome.fail("Determinism probe did not report the sha256 of the tenant's composed prompt: "
                    + "identical hashes could not be tied to the prompt bundle its enhancements use", details);
        }
        details.put("composed_prompt_sha256", composed);
        String empty = emptyContext(context, tenantContext);
        if (empty != null) {
            return GateOutcome.fail(empty, details);
        }
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
                + identical + "/" + hashes.size() + " runs produced identical hash)"
                + (SNAPSHOT.equals(stage) ? ": the tenant's data changed between runs (an import still running?); "
                + "run the gate again once it has finished" : ""), details);
    }

    static final String SNAPSHOT = "snapshot";
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("^[0-9a-f]{64}$");

    /** Why the context cannot support a determinism proof, or null when it can. */
    static String emptyContext(GateContext run, JsonNode context) {
        long history = context.path("ticket_history").asLong(0);
        long kb = context.path("kb_articles").asLong(0);
        long inventory = context.path("inventory").asLong(0);
        if (history == 0 && kb == 0 && inventory == 0) {
            return "Empty context: tenant " + run.tenantId() + " has no ticket history, KB articles or inventory, so "
                    + "identical hashes would prove nothing about its pipeline; import its resolved SDP requests "
                    + "(onboarding does so before the gates) or load KB articles, then run the gate again";
        }
        JsonNode retrieved = context.path("retrieved");
        int found = retrieved.path("similar_tickets").asInt(0) + retrieved.path("kb_articles").asInt(0)
                + retrieved.path("assets").asInt(0);
        if (found == 0) {
            return "Empty context: no probe ticket retrieved anything from tenant " + run.tenantId() + "'s " + history
                    + " history rows, " + kb + " KB articles and " + inventory + " assets (or its context_sources "
                    + "exclude them), so identical hashes would prove nothing about its pipeline";
        }
        return null;
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
