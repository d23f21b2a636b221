package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The {@code context:} section: how much context to gather and how hard to look. */
public class ContextSettings {
    @Min(1) @Max(20) private int similarTickets = 5;
    @Min(1) @Max(20) private int kbArticles = 3;
    @Min(1) @Max(50) private int assets = 10;
    /** Search terms taken from a ticket. */
    @Min(1) @Max(32) private int maxTerms = 8;
    /** The best terms that together form the strict query. */
    @Min(1) @Max(8) private int strictTerms = 3;
    /** Candidates ranked from the strict query (near-duplicates). */
    @Min(1) private int strictCandidates = 100;
    /** Candidates ranked from the any-term query; bounds the ranking cost at scale. */
    @Min(1) private int anyCandidates = 300;

    @JsonProperty public int getSimilarTickets() { return similarTickets; }
    @JsonProperty public void setSimilarTickets(int v) { similarTickets = v; }
    @JsonProperty public int getKbArticles() { return kbArticles; }
    @JsonProperty public void setKbArticles(int v) { kbArticles = v; }
    @JsonProperty public int getAssets() { return assets; }
    @JsonProperty public void setAssets(int v) { assets = v; }
    @JsonProperty public int getMaxTerms() { return maxTerms; }
    @JsonProperty public void setMaxTerms(int v) { maxTerms = v; }
    @JsonProperty public int getStrictTerms() { return strictTerms; }
    @JsonProperty public void setStrictTerms(int v) { strictTerms = v; }
    @JsonProperty public int getStrictCandidates() { return strictCandidates; }
    @JsonProperty public void setStrictCandidates(int v) { strictCandidates = v; }
    @JsonProperty public int getAnyCandidates() { return anyCandidates; }
    @JsonProperty public void setAnyCandidates(int v) { anyCandidates = v; }
}
