package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.api.TenantLlmEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Asks the chat-completions endpoint for the note's content as JSON and checks it: related ticket
 * ids the model invented (not in the context) are dropped; a suggested action must be grounded in
 * what technicians wrote (the resolutions and KB steps of the context, never the ticket's own words,
 * which a requester or an attacker controls), so an instruction injected into a ticket cannot become
 * a step in the note; an answer left without a cause or a grounded action is refused.
 */
public final class LlmSynthesizer {
    private final ChatCompletionsClient client;
    private final ObjectMapper json;

    public LlmSynthesizer(ChatCompletionsClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public Synthesis synthesize(String tenantId, Prompt prompt, String model, int maxTokens, Set<String> knownTicketIds,
                                GroundingText grounding) {
        return interpret(client.complete(tenantId, model, prompt, maxTokens), prompt, maxTokens, knownTicketIds, grounding);
    }

    /** As {@link #synthesize(String, Prompt, String, int, Set, GroundingText)}, on the tenant's own endpoint and model. */
    public Synthesis synthesize(TenantLlmEndpoint own, String tenantId, Prompt prompt, int maxTokens,
                                Set<String> knownTicketIds, GroundingText grounding) {
        return interpret(client.complete(own, tenantId, prompt, maxTokens), prompt, maxTokens, knownTicketIds, grounding);
    }

    private Synthesis interpret(ChatCompletion completion, Prompt prompt, int maxTokens, Set<String> knownTicketIds,
                                GroundingText grounding) {
        try {
            return read(completion, knownTicketIds, grounding);
        } catch (LlmException unusable) {
            // the endpoint answered and billed it: the tokens count against the tenant's budget, an
            // estimate of the most it cost where the provider reported no usage
            boolean reported = completion.promptTokens() != null || completion.completionTokens() != null;
            throw unusable.charged(reported ? tokens(completion.promptTokens()) + tokens(completion.completionTokens())
                    : ChatCompletionsClient.mostTokens(prompt, maxTokens));
        }
    }

    private static long tokens(Integer reported) {
        return reported == null ? 0 : reported;
    }

    private Synthesis read(ChatCompletion completion, Set<String> knownTicketIds, GroundingText grounding) {
        JsonNode answer = parse(completion.content());
        String cause = answer.path("likely_cause").asText("").strip();
        List<String> actions = new ArrayList<>();
        answer.path("suggested_actions").forEach(a -> {
            if (a.isTextual() && !a.asText().isBlank() && grounding.supports(a.asText())) {
                actions.add(a.asText().strip());
            }
        });
        List<RelatedTicket> related = new ArrayList<>();
        answer.path("related_tickets").forEach(r -> {
            String id = r.path("ticket_id").asText("");
            if (knownTicketIds.contains(id)) {
                related.add(new RelatedTicket(id, r.path("reason").asText("").strip()));
            }
        });
        if (cause.isEmpty() || actions.isEmpty()) {
            throw new LlmException("llm_unusable_answer", "LLM answer lacks a cause or actions");
        }
        int confidence = answer.path("confidence").isNumber() ? answer.path("confidence").asInt() : 50;
        return new Synthesis(cause, actions, related, confidence, Synthesis.LLM, completion.model(),
                completion.promptTokens(), completion.completionTokens(), null);
    }

    private JsonNode parse(String content) {
        String text = content.strip();
        if (text.startsWith("```")) {
            text = text.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw new LlmException("llm_unusable_answer", "LLM answer is not a JSON object");
        }
        try {
            return json.readTree(text.substring(start, end + 1));
        } catch (IOException e) {
            throw new LlmException("llm_unusable_answer", "LLM answer is not a JSON object");
        }
    }
}
