package com.aiagents.platform.worker.semantic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The {@code embeddings:} section: semantic retrieval (docs/retrieval.md). */
public class EmbeddingSettings {
    /** Off: full-text retrieval only, nothing embedded (the model is never loaded). */
    private boolean enabled = true;
    /** The bound on all tenants' cached vectors in one worker process (about 16 MiB per 100,000 tickets as sign bits, 49 MiB as the int8 matrix). */
    @NotNull private DataSize cacheMaxSize = DataSize.mebibytes(192);
    /** Below this cosine a semantic candidate is not related enough to show, nor a full-text one kept. */
    @DecimalMin("0.0") @DecimalMax("1.0") private double minSimilarity = 0.2;
    /**
     * The cosine (on the model's scale, with the expanded search) a KB article needs to be in the
     * ticket's context at all: listed in the note, its steps suggested, given to the LLM. What keeps
     * another problem's articles out is {@link #kbMaxBelowBest}: on the evaluation, raising this bar
     * changed nothing once articles were ranked by the expanded search.
     */
    @DecimalMin("0.0") @DecimalMax("1.0") private double kbMinSimilarity = 0.2;
    /**
     * An article whose cosine with the (expanded) search is further than this (on the model's
     * scale) below the closest article's is left out: another problem's (1: off).
     */
    @DecimalMin("0.0") @DecimalMax("1.0") private double kbMaxBelowBest = 0.15;
    /**
     * A full-text candidate is kept only with at least this cosine: sharing words ("connect",
     * "after the update") is weaker evidence than meaning, so it must clear a higher bar.
     */
    @DecimalMin("0.0") @DecimalMax("1.0") private double fullTextMinSimilarity = 0.5;
    /** The semantic ranking's weight in the fusion (the full-text ranking's is 1). */
    @DecimalMin("0.0") @DecimalMax("10.0") private double semanticWeight = 1.0;
    /** Pseudo-relevance feedback: how far the query moves towards its best match before re-ranking (0: off). */
    @DecimalMin("0.0") @DecimalMax("10.0") private double feedbackWeight = 1.0;
    /**
     * Score regularisation of the semantic candidates: how much a candidate's score is its close
     * neighbours' among the 50 nearest rather than its own (0: off; docs/retrieval.md).
     */
    @DecimalMin("0.0") @DecimalMax("1.0") private double neighbourhoodWeight = 0.7;
    /**
     * How often the regularisation is applied, each step mixing in the neighbours' scores of the
     * step before, until the scores stop changing (manifold ranking's fixed point; 1: a single
     * step, the behaviour before; docs/retrieval.md).
     */
    @Min(1) @Max(100) private int neighbourhoodSteps = 100;

    /** At weight 1 a candidate keeps nothing of its own score, so repeated steps do not settle. */
    @JsonIgnore
    @AssertTrue(message = "neighbourhoodWeight must be below 1.0 when neighbourhoodSteps is more than 1")
    public boolean isNeighbourhoodIterationSettling() {
        return neighbourhoodSteps == 1 || neighbourhoodWeight < 1.0;
    }
    /**
     * Query expansion through the KB ({@link KbExpansion}): how much each of the closest KB
     * articles moves the ticket's vector before similar tickets are searched, against the
     * ticket's own 1 (0: off; docs/retrieval.md).
     */
    @DecimalMin("0.0") @DecimalMax("10.0") private double kbExpansionWeight = 2.0;
    /** How many of the closest KB articles expand the ticket's vector. */
    @Min(1) @Max(10) private int kbExpansionArticles = 1;
    /** The cosine (on the model's scale) a KB article needs with the ticket to expand it. */
    @DecimalMin("0.0") @DecimalMax("1.0") private double kbExpansionMinSimilarity = 0.25;
    /** The closest articles ranked again by their best passage before one expands the ticket ({@link ArticlePassages}). */
    private boolean kbExpansionPassages = true;
    /** Candidates taken from each ranking before they are fused. */
    @Min(1) @Max(200) private int candidates = 20;
    /** How often a cached tenant catches up with rows other workers embedded. */
    @NotNull private Duration refreshInterval = Duration.seconds(5);
    /**
     * Tickets cached as sign bits (48 bytes a row, loaded from {@code vector_packs}) and the
     * {@code rescore} closest by them ranked exactly; off: the whole int8 matrix (504 bytes a row,
     * loaded row by row), as before V23.
     */
    private boolean signPacks = true;
    /** How many tickets the sign bits nominate for the exact ranking (read whole from PostgreSQL by id). */
    @Min(50) @Max(5000) private int rescore = 400;
    /** Rows embedded per backfill transaction. */
    @Min(1) @Max(1000) private int backfillBatch = 50;

    @JsonProperty public boolean isEnabled() { return enabled; }
    @JsonProperty public void setEnabled(boolean v) { enabled = v; }
    @JsonProperty public DataSize getCacheMaxSize() { return cacheMaxSize; }
    @JsonProperty public void setCacheMaxSize(DataSize v) { cacheMaxSize = v; }
    @JsonProperty public double getMinSimilarity() { return minSimilarity; }
    @JsonProperty public void setMinSimilarity(double v) { minSimilarity = v; }
    @JsonProperty public double getKbMaxBelowBest() { return kbMaxBelowBest; }
    @JsonProperty public void setKbMaxBelowBest(double v) { kbMaxBelowBest = v; }
    @JsonProperty public double getKbMinSimilarity() { return kbMinSimilarity; }
    @JsonProperty public void setKbMinSimilarity(double v) { kbMinSimilarity = v; }
    @JsonProperty public double getFullTextMinSimilarity() { return fullTextMinSimilarity; }
    @JsonProperty public void setFullTextMinSimilarity(double v) { fullTextMinSimilarity = v; }
    @JsonProperty public double getSemanticWeight() { return semanticWeight; }
    @JsonProperty public void setSemanticWeight(double v) { semanticWeight = v; }
    @JsonProperty public double getFeedbackWeight() { return feedbackWeight; }
    @JsonProperty public void setFeedbackWeight(double v) { feedbackWeight = v; }
    @JsonProperty public double getNeighbourhoodWeight() { return neighbourhoodWeight; }
    @JsonProperty public void setNeighbourhoodWeight(double v) { neighbourhoodWeight = v; }
    @JsonProperty public int getNeighbourhoodSteps() { return neighbourhoodSteps; }
    @JsonProperty public void setNeighbourhoodSteps(int v) { neighbourhoodSteps = v; }
    @JsonProperty public double getKbExpansionWeight() { return kbExpansionWeight; }
    @JsonProperty public void setKbExpansionWeight(double v) { kbExpansionWeight = v; }
    @JsonProperty public int getKbExpansionArticles() { return kbExpansionArticles; }
    @JsonProperty public void setKbExpansionArticles(int v) { kbExpansionArticles = v; }
    @JsonProperty public double getKbExpansionMinSimilarity() { return kbExpansionMinSimilarity; }
    @JsonProperty public void setKbExpansionMinSimilarity(double v) { kbExpansionMinSimilarity = v; }
    @JsonProperty public boolean isKbExpansionPassages() { return kbExpansionPassages; }
    @JsonProperty public void setKbExpansionPassages(boolean v) { kbExpansionPassages = v; }
    @JsonProperty public int getCandidates() { return candidates; }
    @JsonProperty public void setCandidates(int v) { candidates = v; }
    @JsonProperty public Duration getRefreshInterval() { return refreshInterval; }
    @JsonProperty public void setRefreshInterval(Duration v) { refreshInterval = v; }
    @JsonProperty public boolean isSignPacks() { return signPacks; }
    @JsonProperty public void setSignPacks(boolean v) { signPacks = v; }
    @JsonProperty public int getRescore() { return rescore; }
    @JsonProperty public void setRescore(int v) { rescore = v; }
    @JsonProperty public int getBackfillBatch() { return backfillBatch; }
    @JsonProperty public void setBackfillBatch(int v) { backfillBatch = v; }
}
