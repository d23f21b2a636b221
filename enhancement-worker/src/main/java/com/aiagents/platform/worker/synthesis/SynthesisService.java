package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.privacy.PersonalDataMask;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses who writes the note: the LLM when an endpoint is configured and answers usefully, else
 * the deterministic synthesizer, with the reason recorded so the note can say which produced it.
 * What goes to the LLM has its personal data masked first, and the answer gets it back
 * ({@link PersonalDataMask}); the deterministic synthesizer runs in the process and sees it as is.
 */
public final class SynthesisService {
    private static final Logger LOG = LoggerFactory.getLogger(SynthesisService.class);

    private final LlmSynthesizer llm;
    private final DeterministicSynthesizer deterministic;
    private final PlatformTracing tracing;
    private final LlmTokenBudget budget;

    /** @param llm null when no endpoint is configured */
    public SynthesisService(LlmSynthesizer llm, DeterministicSynthesizer deterministic, PlatformTracing tracing) {
        this(llm, deterministic, tracing, null);
    }

    /** @param budget the tenants' daily token budget, or null for none */
    public SynthesisService(LlmSynthesizer llm, DeterministicSynthesizer deterministic, PlatformTracing tracing,
                            LlmTokenBudget budget) {
        this.llm = llm;
        this.deterministic = deterministic;
        this.tracing = tracing;
        this.budget = budget;
    }

    public Synthesis synthesize(String tenantId, TicketText ticket, RetrievedContext context, Prompt prompt,
                                EnhancementPreferences preferences, PersonalDataMask mask) {
        return synthesize(tenantId, ticket, context, prompt, preferences, mask, PromptRules.NONE);
    }

    /** @param rules the tenant's composed prompt's rules, which the deterministic synthesizer honours */
    public Synthesis synthesize(String tenantId, TicketText ticket, RetrievedContext context, Prompt prompt,
                                EnhancementPreferences preferences, PersonalDataMask mask, PromptRules rules) {
        if (llm == null) {
            return deterministic.synthesize(ticket, context, rules);
        }
        if (budget != null && !budget.allows(tenantId)) {
            LOG.warn("event=llm_fallback reason=llm_budget_spent");
            return deterministic.synthesize(ticket, context, rules).withFallbackReason("llm_budget_spent");
        }
        Set<String> known = context.similarTickets().stream().map(SimilarTicket::ticketId).collect(Collectors.toSet());
        try (SpanScope span = tracing.span(SpanNames.LLM_CALL).open()) {
            try {
                Prompt masked = new Prompt(prompt.system(), mask.mask(prompt.user()));
                Synthesis answer = llm.synthesize(tenantId, masked, preferences.llmModel(), preferences.maxTokens(), known,
                        GroundingText.of(context)).withTexts(mask::restore);
                if (budget != null) {
                    budget.spend(tenantId, answer.promptTokens(), answer.completionTokens());
                }
                return answer;
            } catch (LlmException e) {
                span.fail(e.reason());
                throw e;
            }
        } catch (LlmException e) {
            LOG.warn("event=llm_fallback reason={}", e.reason());
            return deterministic.synthesize(ticket, context, rules).withFallbackReason(e.reason());
        }
    }
}
