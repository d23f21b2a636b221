package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.worker.api.ProbeResult;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.synthesis.DeterministicSynthesizer;
import com.aiagents.platform.worker.synthesis.Prompt;
import com.aiagents.platform.worker.synthesis.StageHash;
import com.aiagents.platform.worker.synthesis.Synthesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gate 2: runs the tenant's pipeline (context retrieval on its real data, prompt assembly,
 * deterministic synthesis) N times on a synthetic ticket chosen by the seed, hashing each stage.
 * The pipeline takes no clock or randomness, so every run must hash alike; if not, the first stage
 * whose hash differs between runs is named.
 */
public final class DeterminismProbe {
    static final List<String> STAGES = List.of("context", "prompt", "synthesis");

    private final TenantDirectory directory;
    private final EnhancementPipeline pipeline;
    private final DeterministicSynthesizer synthesizer;

    public DeterminismProbe(TenantDirectory directory, EnhancementPipeline pipeline, DeterministicSynthesizer synthesizer) {
        this.directory = directory;
        this.pipeline = pipeline;
        this.synthesizer = synthesizer;
    }

    public ProbeResult run(TenantId tenant, int runs, long seed) {
        TenantRuntimeConfig config = directory.lookup(tenant);
        EnhancementPreferences prefs = config.enhancementPreferences() == null
                ? EnhancementPreferences.defaults() : config.enhancementPreferences();
        TicketText ticket = SyntheticTicket.forSeed(seed);
        List<ProbeResult.Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            RetrievedContext context = pipeline.gather(tenant, ticket, prefs);
            Prompt prompt = pipeline.prompt(ticket, context);
            Synthesis synthesis = synthesizer.synthesize(ticket, context);
            Map<String, String> stages = new LinkedHashMap<>();
            stages.put("context", StageHash.of(context));
            stages.put("prompt", StageHash.of(prompt));
            stages.put("synthesis", StageHash.of(synthesis));
            results.add(new ProbeResult.Run(StageHash.sha256(String.join("|", stages.values())), stages));
        }
        String firstDiffering = firstDifferingStage(results);
        return new ProbeResult(tenant.value(), firstDiffering == null, firstDiffering, results);
    }

    static String firstDifferingStage(List<ProbeResult.Run> runs) {
        for (String stage : STAGES) {
            String first = runs.get(0).stages().get(stage);
            if (runs.stream().anyMatch(r -> !r.stages().get(stage).equals(first))) {
                return stage;
            }
        }
        return null;
    }
}
