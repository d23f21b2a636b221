package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.db.EmbeddingDao;
import com.aiagents.platform.worker.db.EmbeddingDao.Source;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds a tenant's rows that have no embedding yet (written before V13, or while embeddings
 * were off), a batch per transaction, then rebuilds the tenant's sign-bit pack ({@link VectorPacks}). Resumable without a stored position: the cursor is the set
 * of rows whose {@code embedding} is still NULL (a partial index, in id order), and each batch
 * commits, so a worker that stops leaves exactly the rows it did not finish, and the next load of
 * the tenant (on this or any replica) starts the job again. Several replicas share it safely: a
 * batch locks its rows ({@code FOR UPDATE SKIP LOCKED}), so two workers never embed the same row
 * and neither waits for the other. One background thread per worker; a tenant queued once.
 */
public final class EmbeddingBackfill implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingBackfill.class);

    private final TenantDatabase database;
    private final EmbeddingWriter writer;
    private final int batch;
    /** {@code null} when the tickets are not cached as sign bits. */
    private final VectorPacks packs;
    private final EmbeddingDao dao = new EmbeddingDao();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedding-backfill");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    public EmbeddingBackfill(TenantDatabase database, EmbeddingWriter writer, int batch) {
        this(database, writer, batch, null);
    }

    /** {@code packs}: rebuilt at the end of a run that embedded rows, or when missing or stale. */
    public EmbeddingBackfill(TenantDatabase database, EmbeddingWriter writer, int batch, VectorPacks packs) {
        this.database = database;
        this.writer = writer;
        this.batch = batch;
        this.packs = packs;
    }

    /** Queues the tenant's backfill unless it is queued or running already. */
    public void request(TenantId tenant) {
        if (queued.add(tenant.value())) {
            thread.execute(() -> {
                try {
                    int n = run(tenant);
                    LOG.info("event=embedding_backfill_done tenant_id={} embedded={}", tenant.value(), n);
                } catch (RuntimeException e) {
                    // the rows stay NULL: the next load of the tenant queues the job again
                    LOG.warn("event=embedding_backfill_failed tenant_id={} error={}", tenant.value(),
                            e.getClass().getSimpleName());
                } finally {
                    queued.remove(tenant.value());
                }
            });
        }
    }

    /**
     * Runs the tenant's backfill to its end on the calling thread, then rebuilds the tenant's
     * sign-bit pack if rows were embedded or the pack is missing or stale; the rows embedded. A
     * worker that stops before the rebuild leaves the old pack (or none): the next load finds it
     * stale and queues the job again.
     */
    public int run(TenantId tenant) {
        int total = 0;
        for (Source source : Source.values()) {
            while (true) {
                int n = database.inTenant(tenant, h -> writer.write(h, tenant, source,
                        dao.unembedded(h, tenant.value(), source, batch)));
                if (n == 0) {
                    break;
                }
                total += n;
            }
        }
        if (packs != null && (total > 0 || packs.stale(tenant))) {
            int packed = packs.rebuild(tenant);
            LOG.info("event=vector_pack_rebuilt tenant_id={} rows={}", tenant.value(), packed);
        }
        return total;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
