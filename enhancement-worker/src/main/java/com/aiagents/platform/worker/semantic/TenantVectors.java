package com.aiagents.platform.worker.semantic;

import java.time.Instant;

/**
 * One tenant's cached vectors: its resolved tickets and its KB articles, and the database time
 * they are complete up to (a catch-up reads what changed after it, less an overlap).
 */
public final class TenantVectors {
    private final VectorMatrix tickets;
    private final VectorMatrix articles;
    private volatile Instant syncedUpTo;
    private volatile long nextSyncNanos;
    private volatile boolean stale;

    TenantVectors(VectorMatrix tickets, VectorMatrix articles, Instant syncedUpTo, long nextSyncNanos) {
        this.tickets = tickets;
        this.articles = articles;
        this.syncedUpTo = syncedUpTo;
        this.nextSyncNanos = nextSyncNanos;
    }

    public VectorMatrix tickets() {
        return tickets;
    }

    public VectorMatrix articles() {
        return articles;
    }

    public boolean isEmpty() {
        return tickets.size() == 0 && articles.size() == 0;
    }

    long weight() {
        return tickets.weight() + articles.weight() + 200;
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
