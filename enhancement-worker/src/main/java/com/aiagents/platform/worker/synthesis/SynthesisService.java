package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.TenantLlmEndpoint;
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
 * Chooses who writes the note: the LLM when an endpoint is configured and answers usefully (the
 * tenant's own endpoint when it has one, else the platform's), else
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
    private final LlmSynthesizer tenantEndpoints;

    /** @param llm null when no endpoint is configured */
    public SynthesisService(LlmSynthesizer llm, DeterministicSynthesizer deterministic, PlatformTracing tracing) {
        this(llm, deterministic, tracing, null);
    }

    /** @param budget the tenants' daily token budget, or null for none */
    public SynthesisService(LlmSynthesizer llm, DeterministicSynthesizer deterministic, PlatformTracing tracing,
                            LlmTokenBudget budget) {
        this(llm, null, deterministic, tracing, budget);
    }

    /**
     * @param llm             the platform's endpoint, or null when none is configured
     * @param tenantEndpoints calls tenants' own endpoints ({@code llm_endpoint}), or null to ignore them
     */
    public SynthesisService(LlmSynthesizer llm, LlmSynthesizer tenantEndpoints, DeterministicSynthesizer deterministic,
                            PlatformTracing tracing, LlmTokenBudget budget) {
        this.llm = llm;
        this.tenantEndpoints = tenantEndpoints;
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
        return synthesize(tenantId, ticket, context, prompt, preferences, mask, rules, null);
    }

    /**
     * @param own the tenant's own LLM endpoint, or null for the platform's. A tenant with its own
     *            endpoint is never sent to the platform's: when its endpoint fails (or its budget is
     *            spent) the deterministic synthesizer writes the note, the reason prefixed {@code tenant_}.
     */
    public Synthesis synthesize(String tenantId, TicketText ticket, RetrievedContext context, Prompt prompt,
                                EnhancementPreferences preferences, PersonalDataMask mask, PromptRules rules,
                                TenantLlmEndpoint own) {
        boolean tenantsOwn = own != null && tenantEndpoints != null;
        if (!tenantsOwn && (own != null || llm == null)) {
            return deterministic.synthesize(ticket, context, rules);
        }
        String prefix = tenantsOwn ? "tenant_" : "";
        if (budget != null && !budget.allows(tenantId)) {
            LOG.warn("event=llm_fallback reason={}llm_budget_spent", prefix);
            return deterministic.synthesize(ticket, context, rules).withFallbackReason(prefix + "llm_budget_spent");
        }
        Set<String> known = context.similarTickets().stream().map(SimilarTicket::ticketId).collect(Collectors.toSet());
        try (SpanScope span = tracing.span(SpanNames.LLM_CALL).open()) {
            try {
                Prompt masked = new Prompt(prompt.system(), mask.mask(prompt.user()));
                GroundingText grounding = GroundingText.of(context).forbidding(rules).unmasking(mask::restore);
                Synthesis answer = (tenantsOwn
                        ? tenantEndpoints.synthesize(own, tenantId, masked, preferences.maxTokens(), known, grounding)
                        : llm.synthesize(tenantId, masked, preferences.llmModel(), preferences.maxTokens(), known, grounding))
                        .withTexts(mask::restore);
                if (budget != null) {
                    budget.spend(tenantId, answer.promptTokens(), answer.completionTokens());
                }
                return answer;
            } catch (LlmException e) {
                span.fail(e.reason());
                if (budget != null && e.chargedTokens() > 0) { // an answer we could not use was still paid for
                    try {
                        budget.spend(tenantId, (int) Math.min(Integer.MAX_VALUE, e.chargedTokens()), 0);
                    } catch (RuntimeException unrecorded) { // the fallback note matters more than the count
                        LOG.warn("event=llm_budget_charge_failed error={}", unrecorded.getClass().getSimpleName());
                    }
                }
                throw e;
            }
        } catch (LlmException e) {
            LOG.warn("event=llm_fallback reason={}{}", prefix, e.reason());
            return deterministic.synthesize(ticket, context, rules).withFallbackReason(prefix + e.reason());
        }
    }
}
