package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.worker.api.ProbeResult;
import com.aiagents.platform.worker.client.ComposedPromptClient;
import com.aiagents.platform.worker.context.ContextSnapshot;
import com.aiagents.platform.worker.context.ContextSnapshots;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.synthesis.DeterministicSynthesizer;
import com.aiagents.platform.worker.synthesis.Prompt;
import com.aiagents.platform.worker.synthesis.PromptRules;
import com.aiagents.platform.worker.synthesis.StageHash;
import com.aiagents.platform.worker.synthesis.Synthesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Gate 2: runs the tenant's pipeline on its real data N times, each run independently: a snapshot
 * of the tenant's context (ticket history, KB, inventory: counts and fingerprint; and the sha256 of
 * its composed prompt, fetched from tenant-service for each run, which the prompt and the
 * deterministic synthesis then use), context
 * retrieval, prompt assembly, deterministic synthesis, each stage hashed. All runs read one
 * database snapshot (one REPEATABLE READ transaction), so an import still writing in the
 * background cannot make them differ; what they prove is the pipeline's determinism on that data. The ticket is one of the
 * tenant's own resolved tickets (the seed fixes which are tried first; its own row is excluded from
 * its similar tickets), else a synthetic one: the first that retrieves any context. The pipeline
 * takes no clock or randomness, so every run must hash alike; if not, the first stage whose hash
 * differs between runs is named. Because the snapshot is hashed, changed data changes the hash.
 */
public final class DeterminismProbe {
    static final List<String> STAGES = List.of("snapshot", "context", "prompt", "synthesis");

    private final TenantDirectory directory;
    private final ContextSnapshots snapshots;
    private final EnhancementPipeline pipeline;
    private final DeterministicSynthesizer synthesizer;
    private final ComposedPromptClient prompts;

    public DeterminismProbe(TenantDirectory directory, ContextSnapshots snapshots, EnhancementPipeline pipeline,
                            DeterministicSynthesizer synthesizer, ComposedPromptClient prompts) {
        this.directory = directory;
        this.prompts = prompts;
        this.snapshots = snapshots;
        this.pipeline = pipeline;
        this.synthesizer = synthesizer;
    }

    public ProbeResult run(TenantId tenant, int runs, long seed) {
        TenantRuntimeConfig config = directory.lookup(tenant);
        EnhancementPreferences prefs = config.enhancementPreferences() == null
                ? EnhancementPreferences.defaults() : config.enhancementPreferences();
        return snapshots.consistently(tenant, h -> {
            ContextSnapshot first = snapshots.take(h, tenant, seed);
            TicketText ticket = probeTicket(h, tenant, first, prefs, seed);
            List<ProbeResult.Run> results = new ArrayList<>();
            RetrievedContext firstContext = null;
            ComposedPrompt firstComposed = null;
            for (int i = 0; i < runs; i++) {
                ContextSnapshot snapshot = i == 0 ? first : snapshots.take(h, tenant, seed);
                // fetched afresh each run (not the jobs' cache): the proof covers the production bundle now
                ComposedPrompt composed = prompts.fetch(tenant);
                RetrievedContext context = pipeline.gather(h, tenant, ticket, prefs);
                Prompt prompt = pipeline.prompt(ticket, context, composed);
                Synthesis synthesis = synthesizer.synthesize(ticket, context, PromptRules.of(composed));
                Map<String, String> stages = new LinkedHashMap<>();
                Map<String, Object> tenantContext = new LinkedHashMap<>();
                tenantContext.put("data", snapshot);
                tenantContext.put("composed_prompt_sha256", composed.sha256());
                stages.put("snapshot", StageHash.of(tenantContext));
                stages.put("context", StageHash.of(context));
                stages.put("prompt", StageHash.of(prompt));
                stages.put("synthesis", StageHash.of(synthesis));
                results.add(new ProbeResult.Run(StageHash.sha256(String.join("|", stages.values())), stages));
                if (firstContext == null) {
                    firstContext = context;
                    firstComposed = composed;
                }
            }
            String firstDiffering = firstDifferingStage(results);
            return new ProbeResult(tenant.value(), firstDiffering == null, firstDiffering,
                    describe(first, ticket, firstContext == null ? RetrievedContext.empty() : firstContext, firstComposed),
                    results);
        });
    }

    /** The first candidate whose retrieval finds anything; the first candidate if none does. */
    private TicketText probeTicket(Handle h, TenantId tenant, ContextSnapshot snapshot, EnhancementPreferences prefs,
                                   long seed) {
        List<TicketText> candidates = new ArrayList<>(snapshot.probeCandidates());
        candidates.addAll(SyntheticTicket.all(seed));
        if (!snapshot.empty()) {
            for (TicketText candidate : candidates) {
                if (!isEmpty(pipeline.gather(h, tenant, candidate, prefs))) {
                    return candidate;
                }
            }
        }
        return candidates.get(0);
    }

    static boolean isEmpty(RetrievedContext context) {
        return context.similarTickets().isEmpty() && context.kbArticles().isEmpty() && context.assets().isEmpty();
    }

    private static ProbeResult.Context describe(ContextSnapshot snapshot, TicketText ticket, RetrievedContext context,
                                                ComposedPrompt composed) {
        Map<String, Integer> retrieved = new LinkedHashMap<>();
        retrieved.put("similar_tickets", context.similarTickets().size());
        retrieved.put("kb_articles", context.kbArticles().size());
        retrieved.put("assets", context.assets().size());
        return new ProbeResult.Context(snapshot.ticketHistory(), snapshot.resolvedTickets(), snapshot.kbArticles(),
                snapshot.inventory(), snapshot.fingerprint(), ticket.ticketId(), retrieved,
                composed == null ? null : composed.sha256(), composed == null ? null : composed.version());
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
