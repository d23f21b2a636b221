package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.db.EmbeddingDao;
import com.aiagents.platform.worker.db.EmbeddingDao.Source;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * One tenant's cached vectors: its resolved tickets (as sign bits, or, with
 * {@code embeddings.signPacks} off, the whole int8 matrix) and its KB articles, and the database
 * time they are complete up to (a catch-up reads what changed after it, less an overlap).
 */
public final class TenantVectors {
    private static final EmbeddingDao EMBEDDINGS = new EmbeddingDao();

    private final VectorMatrix tickets;
    private final SignMatrix signs;
    private final int rescore;
    private final VectorMatrix articles;
    private volatile Instant syncedUpTo;
    private volatile long nextSyncNanos;
    private volatile boolean stale;

    /** Exactly one of {@code tickets} (the whole matrix) and {@code signs} (with {@code rescore} candidates to rank exactly). */
    TenantVectors(VectorMatrix tickets, SignMatrix signs, int rescore, VectorMatrix articles, Instant syncedUpTo,
                  long nextSyncNanos) {
        if ((tickets == null) == (signs == null)) {
            throw new IllegalArgumentException("a tenant's tickets are either a matrix or sign bits");
        }
        this.tickets = tickets;
        this.signs = signs;
        this.rescore = rescore;
        this.articles = articles;
        this.syncedUpTo = syncedUpTo;
        this.nextSyncNanos = nextSyncNanos;
    }

    /**
     * The ticket vectors a search of {@code query} ranks, inside the caller's transaction in the
     * tenant's context: with sign bits, the {@code rescore} rows whose signs are closest to the
     * query's (among {@code eligible}, {@code exclude} left out) and the rows of {@code also} (the
     * full-text candidates, whose cosines the fusion needs), read whole from PostgreSQL by id in one
     * query, so every score returned is the exact cosine of the current row; otherwise the whole
     * matrix. Either way the caller ranks the result exactly ({@link VectorMatrix#nearestWithFeedback}).
     */
    public VectorMatrix ticketCandidates(Handle h, TenantId tenant, QuantizedVector query, String exclude,
                                         Predicate<String> eligible, Collection<String> also) {
        if (tickets != null) {
            return tickets;
        }
        Set<String> ids = new LinkedHashSet<>(signs.candidates(query, rescore, exclude, eligible));
        ids.addAll(also);
        VectorMatrix out = new VectorMatrix(ids.size());
        EMBEDDINGS.byIds(h, tenant.value(), Source.TICKETS, ids, out);
        return out;
    }

    /** The whole ticket matrix, {@code null} with sign bits (search through {@link #ticketCandidates}). */
    public VectorMatrix tickets() {
        return tickets;
    }

    /** The ticket sign bits, {@code null} without them. */
    public SignMatrix ticketSigns() {
        return signs;
    }

    public int ticketCount() {
        return tickets != null ? tickets.size() : signs.size();
    }

    public VectorMatrix articles() {
        return articles;
    }

    public boolean isEmpty() {
        return ticketCount() == 0 && articles.size() == 0;
    }

    long weight() {
        return (tickets != null ? tickets.weight() : signs.weight()) + articles.weight() + 200;
    }

    /** The changed ticket rows a catch-up read: stored, or removed when retrieval may no longer return them. */
    void apply(List<EmbeddingDao.Changed> changed) {
        if (signs != null) {
            signs.apply(changed);
            return;
        }
        for (EmbeddingDao.Changed c : changed) {
            if (c.searchable()) {
                tickets.put(c.id(), c.vector());
            } else {
                tickets.remove(c.id());
            }
        }
    }

    Instant syncedUpTo() {
        return syncedUpTo;
    }

    boolean syncDue(long nowNanos) {
        return stale || nowNanos - nextSyncNanos >= 0;
    }

    /** A catch-up starts: what is written from now on needs the next one. */
    void syncing() {
        this.stale = false;
    }

    void synced(Instant upTo, long nextNanos) {
        this.syncedUpTo = upTo;
        this.nextSyncNanos = nextNanos;
    }

    /** This worker wrote rows of the tenant: the next search catches up first. */
    void stale() {
        this.stale = true;
    }
}
