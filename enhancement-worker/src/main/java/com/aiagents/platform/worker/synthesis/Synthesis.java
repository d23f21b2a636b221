package com.aiagents.platform.worker.synthesis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The content of a note before formatting.
 *
 * @param producer         {@link #DETERMINISTIC} or {@link #LLM}
 * @param model            the model that wrote it (LLM only)
 * @param fallbackReason   why the deterministic synthesizer was used although an LLM is configured
 */
public record Synthesis(
        @JsonProperty("likely_cause") String likelyCause,
        @JsonProperty("suggested_actions") List<String> suggestedActions,
        @JsonProperty("related_tickets") List<RelatedTicket> relatedTickets,
        @JsonProperty("confidence") int confidence,
        @JsonProperty("producer") String producer,
        @JsonProperty("model") String model,
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("completion_tokens") Integer completionTokens,
        @JsonProperty("fallback_reason") String fallbackReason) {

    public static final String DETERMINISTIC = "deterministic";
    public static final String LLM = "llm";

    public Synthesis {
        suggestedActions = List.copyOf(suggestedActions);
        relatedTickets = List.copyOf(relatedTickets);
        confidence = Math.max(0, Math.min(100, confidence));
    }

    /** The same content with every text passed through {@code edit} (e.g. masked data put back). */
    public Synthesis withTexts(UnaryOperator<String> edit) {
        return new Synthesis(edit.apply(likelyCause), suggestedActions.stream().map(edit).toList(),
                relatedTickets.stream().map(r -> new RelatedTicket(r.ticketId(), edit.apply(r.reason()))).toList(),
                confidence, producer, model, promptTokens, completionTokens, fallbackReason);
    }

    public Synthesis withFallbackReason(String reason) {
        return new Synthesis(likelyCause, suggestedActions, relatedTickets, confidence, producer, model,
                promptTokens, completionTokens, reason);
    }
}
