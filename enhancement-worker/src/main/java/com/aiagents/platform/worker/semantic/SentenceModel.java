package com.aiagents.platform.worker.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.function.Supplier;

/**
 * A sentence-embedding model that ships inside its jar, and how texts are worded for it: some
 * models are trained with a prefix that says what a text is (e5's {@code "query: "} and
 * {@code "passage: "}, BGE's instruction for a short query searching passages). Three roles:
 * a resolved ticket as stored ({@code ticketPrefix}), the new ticket as a search
 * ({@code searchPrefix}; when it equals {@code ticketPrefix} the vector searched with is the one
 * stored when the ticket is resolved, computed once), and a KB article ({@code articlePrefix}).
 * {@code unrelated}: the model's cosine between texts about unrelated things, where its scale
 * starts; the retrieval's bars and the neighbours' weights are read on that scale
 * ({@link #cosineAt}), so one set of settings means the same for a model whose cosines are
 * compressed (bge-small-en-v1.5: ~0.53 for unrelated tickets). The worker embeds with
 * {@link #DEFAULT}; the retrieval evaluation compares it with larger models (docs/benchmarks.md).
 * Changing the default model would need every stored vector embedded again (a migration that
 * empties {@code embedding}, so the backfill runs, and deletes {@code vector_packs}).
 */
public record SentenceModel(String name, Supplier<EmbeddingModel> loader, String ticketPrefix, String searchPrefix,
                            String articlePrefix, double unrelated) {

    /** The cosine at {@code relative} on this model's own scale: 0 is {@code unrelated}, 1 the same text. */
    public double cosineAt(double relative) {
        return unrelated + (1.0 - unrelated) * relative;
    }

    /**
     * all-MiniLM-L6-v2, quantized (384 dimensions, 256 word pieces), no prefixes. Its cosine
     * between unrelated texts is about 0.09 (the median on the evaluation corpus); the settings
     * were chosen with cosines taken as they are, so {@code unrelated} is 0 here.
     */
    public static final SentenceModel ALL_MINILM_L6_V2 = new SentenceModel("all-minilm-l6-v2-q",
            AllMiniLmL6V2QuantizedEmbeddingModel::new, "", "", "", 0.0);

    /** The model the worker embeds with. */
    public static final SentenceModel DEFAULT = ALL_MINILM_L6_V2;
}
