package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.common.db.TenantDatabase;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The semantic parts of one worker process, wired: the model, the tenants' vectors, the writer
 * the import, the KB load and the posted note use, and the backfill a load starts when it finds
 * rows not embedded yet. Built once per process; none when embeddings are off.
 */
public record Embeddings(SemanticRetrieval retrieval, EmbeddingWriter writer, EmbeddingBackfill backfill) {

    /** {@code null} when {@code settings} turn embeddings off. */
    public static Embeddings build(TenantDatabase database, EmbeddingSettings settings) {
        return build(database, settings, new SentenceEmbedder());
    }

    /** The same with another embedder (the retrieval evaluation compares models). */
    public static Embeddings build(TenantDatabase database, EmbeddingSettings settings, SentenceEmbedder embedder) {
        if (!settings.isEnabled()) {
            return null;
        }
        AtomicReference<EmbeddingBackfill> backfill = new AtomicReference<>();
        VectorIndex index = new VectorIndex(database, settings, tenant -> backfill.get().request(tenant));
        EmbeddingWriter writer = new EmbeddingWriter(embedder, index);
        backfill.set(new EmbeddingBackfill(database, writer, settings.getBackfillBatch(),
                settings.isSignPacks() ? new VectorPacks(database) : null));
        return new Embeddings(new SemanticRetrieval(embedder, index, settings), writer, backfill.get());
    }
}
