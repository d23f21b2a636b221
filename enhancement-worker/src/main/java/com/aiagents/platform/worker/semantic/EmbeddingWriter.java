package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.db.EmbeddingDao;
import com.aiagents.platform.worker.db.EmbeddingDao.Pending;
import com.aiagents.platform.worker.db.EmbeddingDao.Source;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.api.KbArticleInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Embeds rows just written (an import page, a KB load, the ticket a note was posted on) in the
 * same transaction as their text, so a committed row of a tenant normally has its vector; a row
 * that does not (written before V13, or while embeddings were off) is the backfill's.
 */
public final class EmbeddingWriter {
    private final SentenceEmbedder embedder;
    private final VectorIndex index;
    private final EmbeddingDao dao = new EmbeddingDao();

    public EmbeddingWriter(SentenceEmbedder embedder, VectorIndex index) {
        this.embedder = embedder;
        this.index = index;
    }

    /** Embeds and stores the tickets just upserted (their text as written). */
    public int tickets(Handle h, TenantId tenant, List<TicketRecord> rows) {
        return write(h, tenant, Source.TICKETS, rows.stream()
                .map(t -> new Pending(t.ticketId(), t.subject() == null ? "" : t.subject(),
                        t.description() == null ? "" : t.description()))
                .toList());
    }

    /**
     * Embeds tickets about to be written, outside any transaction: {@link #tickets} then finds
     * their vectors among the embedder's recent texts instead of computing them holding a connection.
     */
    public void prepare(List<TicketRecord> rows) {
        for (TicketRecord t : rows) {
            embedder.ticket(t.subject() == null ? "" : t.subject(), t.description() == null ? "" : t.description());
        }
    }

    /** Embeds and stores the KB articles just upserted. */
    public int articles(Handle h, TenantId tenant, List<KbArticleInput> rows) {
        return write(h, tenant, Source.KB, rows.stream()
                .map(a -> new Pending(a.articleId(), a.title(), a.content())).toList());
    }

    /** Embeds and stores {@code rows} of {@code source}, inside the caller's tenant transaction. */
    public int write(Handle h, TenantId tenant, Source source, List<Pending> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Pending> texts = new LinkedHashMap<>();
        Map<String, QuantizedVector> vectors = new LinkedHashMap<>();
        for (Pending p : rows) {
            texts.put(p.id(), p);
            vectors.put(p.id(), source == Source.KB ? embedder.article(p.first(), p.second())
                    : embedder.ticket(p.first(), p.second()));
        }
        int stored = dao.store(h, source, texts, vectors);
        index.changed(tenant);
        return stored;
    }
}
