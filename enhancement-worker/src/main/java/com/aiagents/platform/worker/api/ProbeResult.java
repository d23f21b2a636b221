package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The determinism probe's answer (docs/api/internal.md). */
public record ProbeResult(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("identical") boolean identical,
        @JsonProperty("first_differing_stage") @JsonInclude(JsonInclude.Include.ALWAYS) String firstDifferingStage,
        @JsonProperty("context") Context context,
        @JsonProperty("runs") List<Run> runs) {

    /** One run: the hash over all stages and each stage's hash. */
    public record Run(@JsonProperty("hash") String hash, @JsonProperty("stages") Map<String, String> stages) {
    }

    /**
     * The tenant's context as the first run found it: its snapshot (row counts and fingerprint), the
     * ticket the runs used, what the context stage retrieved for it, and the composed prompt (its
     * sha256 and version) the prompt and synthesis stages used.
     */
    public record Context(
            @JsonProperty("ticket_history") long ticketHistory,
            @JsonProperty("resolved_tickets") long resolvedTickets,
            @JsonProperty("kb_articles") long kbArticles,
            @JsonProperty("inventory") long inventory,
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("probe_ticket") String probeTicket,
            @JsonProperty("retrieved") Map<String, Integer> retrieved,
            @JsonProperty("composed_prompt_sha256") String composedPromptSha256,
            @JsonProperty("composed_prompt_version") String composedPromptVersion) {
    }
}
