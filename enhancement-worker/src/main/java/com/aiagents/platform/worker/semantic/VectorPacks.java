package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.db.EmbeddingDao;
import com.aiagents.platform.worker.db.EmbeddingDao.Source;
import com.aiagents.platform.worker.db.VectorPackDao;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A tenant's ticket vectors as sign bits in {@code vector_packs} (V23): what a cold load reads
 * (~5 MB in 7 rows for 100,000 tickets, instead of 100,000 rows of 388 bytes), then the rows
 * embedded since the pack was built, as a cached tenant's catch-up reads them. The packs are
 * derived data: rebuilt from the embeddings by the backfill ({@link EmbeddingBackfill}) when a load
 * found none, or found more than {@value #STALE_ROWS} rows changed since (once the catch-up's
 * overlap has passed since the build); a load never waits for
 * a rebuild (without a pack it reads the rows themselves, as before V23).
 */
public final class VectorPacks {
    static final String TICKETS = "tickets";
    /** Rows per stored chunk: 786 KiB of signs, so 100,000 tickets are 7 rows. */
    static final int CHUNK_ROWS = 16_384;
    /** A pack older than this many changed rows is rebuilt (a load reads each changed row whole). */
    static final int STALE_ROWS = 1_000;

    private final TenantDatabase database;
    private final EmbeddingDao embeddings = new EmbeddingDao();
    private final VectorPackDao packs = new VectorPackDao();

    public VectorPacks(TenantDatabase database) {
        this.database = database;
    }

    /** What a load read: the signs (caught up to the transaction's view) and whether the pack needs a rebuild. */
    record Loaded(SignMatrix signs, boolean rebuild) {
    }

    /**
     * The tenant's ticket signs inside the caller's tenant transaction: its pack and the rows
     * embedded (or whose resolved state changed) since the pack was built, less the catch-up's
     * overlap; without a pack, every row read and reduced to its signs.
     */
    Loaded load(Handle h, TenantId tenant) {
        VectorPackDao.Pack pack = packs.read(h, tenant.value(), TICKETS);
        if (pack == null) {
            SignMatrix signs = new SignMatrix(0);
            embeddings.load(h, tenant.value(), Source.TICKETS, signs);
            signs.trim();
            return new Loaded(signs, signs.size() > 0);
        }
        // sized for the pack and a catch-up's slack: the chunks are copied in once, and trim() copies nothing
        SignMatrix signs = new SignMatrix(pack.rows() + SignMatrix.slack(pack.rows()), pack.idBytes());
        pack.chunks().forEach(signs::addChunk);
        List<EmbeddingDao.Changed> changed = embeddings.changedSince(h, tenant.value(), Source.TICKETS,
                pack.builtAt().minus(VectorIndex.OVERLAP));
        signs.apply(changed);
        signs.trim();
        return new Loaded(signs, changed.size() > STALE_ROWS && settled(pack.builtAt(), embeddings.now(h)));
    }

    /**
     * Whether a rebuild now would shrink what a load catches up with: rows embedded within the
     * overlap before a pack was built are read again by every load of it, so a pack built right
     * after a large write (an import) is only worth rebuilding once the overlap has passed.
     */
    private static boolean settled(Instant builtAt, Instant now) {
        return builtAt.isBefore(now.minus(VectorIndex.OVERLAP));
    }

    /**
     * Whether the tenant's pack is missing (while it has embedded rows), or behind by more than
     * {@value #STALE_ROWS} rows and built before the overlap.
     */
    public boolean stale(TenantId tenant) {
        return database.inTenant(tenant, h -> {
            Instant builtAt = packs.builtAt(h, tenant.value(), TICKETS);
            if (builtAt == null) {
                return h.createQuery("SELECT EXISTS (SELECT 1 FROM ticket_history WHERE tenant_id = :t "
                                + "AND embedding IS NOT NULL AND coalesce(resolution, '') <> '')")
                        .bind("t", tenant.value()).mapTo(Boolean.class).one();
            }
            return embeddings.changedCount(h, tenant.value(), Source.TICKETS, builtAt.minus(VectorIndex.OVERLAP))
                    > STALE_ROWS && settled(builtAt, embeddings.now(h));
        });
    }

    /**
     * Rebuilds the tenant's pack from its embeddings in one transaction; the rows packed. Two
     * rebuilds of a tenant queue on an advisory lock; and, as the ticket-history import's pages,
     * a rebuild holds the tenant's data lock shared (V9's {@code set_live_tenant_context}), so it
     * waits for a running erasure of the tenant and then reads no row to pack: a pack never
     * outlives its tenant's tickets.
     */
    public int rebuild(TenantId tenant) {
        return database.inTenant(tenant, h -> {
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended('tenant-data:' || :t, 0)), "
                            + "pg_advisory_xact_lock(hashtextextended('vector-packs:' || :t, 0))) locked")
                    .bind("t", tenant.value()).mapTo(Integer.class).one();
            // read after the locks (read committed: this statement's snapshot is newer than any
            // erasure or rebuild waited for); a row embedded while this runs is newer than
            // built_at less the overlap, so a load still catches up with it
            Instant builtAt = h.createQuery("SELECT clock_timestamp()").mapTo(java.sql.Timestamp.class).one().toInstant();
            SignMatrix signs = new SignMatrix(0);
            embeddings.load(h, tenant.value(), Source.TICKETS, signs);
            packs.replace(h, tenant.value(), TICKETS, builtAt, signs.chunks(CHUNK_ROWS));
            return signs.size();
        });
    }
}
