package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.RetrievalScope;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.synthesis.Prompt;
import com.aiagents.platform.worker.synthesis.PromptAssembler;
import org.jdbi.v3.core.Handle;

/**
 * The stages between a ticket and a note's content: context retrieval, prompt assembly and
 * synthesis. No stage reads the clock or a random source; each output is a value that
 * {@link com.aiagents.platform.worker.synthesis.StageHash} can hash (the determinism probe does).
 */
public final class EnhancementPipeline {
    private final ContextGatherer context;
    private final PromptAssembler prompts;

    public EnhancementPipeline(ContextGatherer context, PromptAssembler prompts) {
        this.context = context;
        this.prompts = prompts;
    }

    public RetrievedContext gather(TenantId tenant, TicketText ticket, EnhancementPreferences preferences) {
        return context.gather(tenant, ticket, preferences.contextSources());
    }

    /** The context stage kept to {@code scope} (an MSP ticket's own account). */
    public RetrievedContext gather(TenantId tenant, TicketText ticket, EnhancementPreferences preferences,
                                   RetrievalScope scope) {
        return context.gather(tenant, ticket, preferences.contextSources(), scope);
    }

    /** The context stage inside a transaction the caller holds (the determinism probe's one snapshot). */
    public RetrievedContext gather(Handle h, TenantId tenant, TicketText ticket, EnhancementPreferences preferences) {
        return context.gather(h, tenant, ticket, preferences.contextSources());
    }

    public Prompt prompt(TicketText ticket, RetrievedContext retrieved, ComposedPrompt composed) {
        return prompts.assemble(ticket, retrieved, composed);
    }
}
