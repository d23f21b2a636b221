package com.aiagents.platform.worker.semantic;

/** What the context stage needs for the semantic half of hybrid retrieval. */
public record SemanticRetrieval(SentenceEmbedder embedder, VectorIndex index, EmbeddingSettings settings) {
}
