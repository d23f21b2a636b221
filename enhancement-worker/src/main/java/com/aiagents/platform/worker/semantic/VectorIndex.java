package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.db.EmbeddingDao;
import com.aiagents.platform.worker.db.EmbeddingDao.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Each tenant's vectors in memory, loaded on first use in the tenant's context as the worker's
 * own role (RLS decides what a load can see, so a matrix can only hold its tenant's rows), and
 * bounded in bytes: the least recently used tenants are evicted once the weights pass
 * {@code cacheMaxSize} ({@link WeightedLru}), and an evicted tenant is simply loaded again (a
 * cold load) on its next ticket. A cached tenant catches up with rows embedded elsewhere every {@code refreshInterval},
 * and at once after this worker wrote some.
 */
public final class VectorIndex {
    /**
     * A catch-up re-reads rows embedded up to this long before the last one: a writer's
     * transaction that started earlier but committed later (the worker's statements time out
     * after 30 s) is then still seen.
     */
    static final Duration OVERLAP = Duration.ofMinutes(2);

    private final TenantDatabase database;
    private final EmbeddingDao dao = new EmbeddingDao();
    private final long refreshNanos;
    private final WeightedLru<TenantVectors> cache;
    private final Consumer<TenantId> onUnembedded;
    /** {@code null}: the tickets are cached as the whole int8 matrix ({@code embeddings.signPacks} off). */
    private final VectorPacks packs;
    private final int rescore;

    /**
     * {@code onUnembedded}: told when a load finds rows still without an embedding, or the
     * tenant's pack missing or stale (starts the backfill, which embeds them and rebuilds the pack).
     */
    public VectorIndex(TenantDatabase database, EmbeddingSettings settings, Consumer<TenantId> onUnembedded) {
        this.database = database;
        this.packs = settings.isSignPacks() ? new VectorPacks(database) : null;
        this.rescore = settings.getRescore();
        this.refreshNanos = settings.getRefreshInterval().toNanoseconds();
        this.onUnembedded = onUnembedded;
        this.cache = new WeightedLru<>(settings.getCacheMaxSize().toBytes(), TenantVectors::weight);
    }

    /** The tenant's vectors, loaded if not cached, caught up if due. */
    public TenantVectors forTenant(TenantId tenant) {
        TenantVectors v = cache.get(tenant.value(), t -> load(TenantId.of(t)));
        long now = System.nanoTime();
        if (v.syncDue(now)) {
            catchUp(tenant, v, now);
        }
        return v;
    }

    /** This worker wrote embeddings of the tenant: a cached matrix catches up before its next search. */
    public void changed(TenantId tenant) {
        TenantVectors v = cache.getIfPresent(tenant.value());
        if (v != null) {
            v.stale();
        }
    }

    /** A private, uncached copy read inside the caller's transaction (the determinism probe's snapshot). */
    public TenantVectors inTransaction(Handle h, TenantId tenant) {
        return read(h, tenant, new boolean[1]);
    }

    /** Bytes all cached tenants weigh now. */
    public long cachedBytes() {
        return cache.weight();
    }

    /** Whether the tenant's vectors are in memory now (a search would not load them). */
    public boolean isCached(TenantId tenant) {
        return cache.getIfPresent(tenant.value()) != null;
    }

    public long cachedTenants() {
        return cache.size();
    }

    private TenantVectors load(TenantId tenant) {
        return database.inTenant(tenant, h -> {
            boolean[] rebuild = {false};
            TenantVectors v = read(h, tenant, rebuild);
            if (rebuild[0] || dao.anyUnembedded(h, tenant.value())) {
                onUnembedded.accept(tenant);
            }
            return v;
        });
    }

    /** {@code rebuild[0]} set when the tenant's pack is missing or stale. */
    private TenantVectors read(Handle h, TenantId tenant, boolean[] rebuild) {
        Instant upTo = dao.now(h);
        VectorMatrix tickets = null;
        SignMatrix signs = null;
        if (packs != null) {
            VectorPacks.Loaded loaded = packs.load(h, tenant);
            signs = loaded.signs();
            rebuild[0] = loaded.rebuild();
        } else {
            // no count first (a second pass over the tenant's rows): the matrix grows, then gives back the slack
            tickets = new VectorMatrix(0);
            dao.load(h, tenant.value(), Source.TICKETS, tickets);
            tickets.trim();
        }
        VectorMatrix articles = new VectorMatrix(0);
        dao.load(h, tenant.value(), Source.KB, articles);
        articles.trim();
        return new TenantVectors(tickets, signs, rescore, articles, upTo, System.nanoTime() + refreshNanos);
    }

    private void catchUp(TenantId tenant, TenantVectors v, long now) {
        synchronized (v) {
            if (!v.syncDue(now)) {
                return; // another thread just did
            }
            v.syncing();
            long before = v.weight();
            Instant upTo = database.inTenant(tenant, h -> {
                Instant since = v.syncedUpTo().minus(OVERLAP);
                v.apply(dao.changedSince(h, tenant.value(), Source.TICKETS, since));
                apply(dao.changedSince(h, tenant.value(), Source.KB, since), v.articles());
                return dao.now(h);
            });
            v.synced(upTo, System.nanoTime() + refreshNanos);
            if (v.weight() != before) {
                cache.put(tenant.value(), v); // weighed again, so the bound holds as matrices grow
            }
        }
    }

    private static void apply(java.util.List<EmbeddingDao.Changed> changed, VectorMatrix into) {
        for (EmbeddingDao.Changed c : changed) {
            if (c.searchable()) {
                into.put(c.id(), c.vector());
            } else {
                into.remove(c.id());
            }
        }
    }
}
