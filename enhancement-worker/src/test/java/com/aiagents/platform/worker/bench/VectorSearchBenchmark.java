package com.aiagents.platform.worker.bench;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.semantic.EmbeddingSettings;
import com.aiagents.platform.worker.semantic.QuantizedVector;
import com.aiagents.platform.worker.semantic.SentenceEmbedder;
import com.aiagents.platform.worker.semantic.TenantVectors;
import com.aiagents.platform.worker.semantic.VectorIndex;
import io.dropwizard.util.DataSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;

/**
 * Nearest-neighbour latency of the semantic half of retrieval at {@code bench.vectors.rows}
 * tickets per tenant, with more tenants than the vector cache's bound holds at once, so tenants
 * are evicted and loaded again (cold loads, timed as part of the search that needed them). The
 * full-text baseline runs in the same process on the same tenants. The vectors are synthetic
 * (every row is scored whatever its values, so the values do not change the cost); the ticket
 * texts are the worker benchmark's. docs/benchmarks.md has the command and the figures.
 */
public final class VectorSearchBenchmark {
    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.vectors.rows", 100_000);
        int tenants = Integer.getInteger("bench.vectors.tenants", 5);
        DataSize cache = DataSize.parse(System.getProperty("bench.vectors.cache", "110 MiB"));
        int queries = Integer.getInteger("bench.vectors.queries", 2000);
        try (TestDatabase db = TestDatabase.createMigrated()) {
            TenantDatabase database = new TenantDatabase(Jdbi.create(db.jdbcUrl(),
                    db.roleFor(ServiceRole.ENHANCEMENT_WORKER), db.password()));
            List<TenantId> ids = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < tenants; i++) {
                TenantId tenant = TenantId.of(String.format("vectors-%02d", i));
                BenchmarkData.generate(database, tenant, rows);
                database.inTenant(tenant, h -> h.execute("UPDATE ticket_history SET embedding = " + syntheticVector()
                        + ", embedded_at = now() WHERE tenant_id = current_setting('app.current_tenant_id', true)"));
                ids.add(tenant);
            }
            System.out.printf(Locale.ROOT, "data: %d tenants x %d tickets with embeddings in %.0f s%n", tenants, rows,
                    (System.nanoTime() - t0) / 1e9);
            try (var c = db.connectAsOwner(); var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE ticket_history");
            }
            EmbeddingSettings settings = new EmbeddingSettings();
            settings.setCacheMaxSize(cache);
            SentenceEmbedder embedder = new SentenceEmbedder();
            String[] probes = {"VPN keeps disconnecting from home", "my email program won't load new mail",
                    "nothing comes out of the copier", "people can't hear me on calls"};
            List<QuantizedVector> vectors = new ArrayList<>();
            List<Double> embedMs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long s = System.nanoTime();
                vectors.add(embedder.embed(probes[i % probes.length] + " #" + i));
                embedMs.add((System.nanoTime() - s) / 1e6);
            }
            run("bursts", database, settings, ids, vectors, queries, rows);
            // every search a random tenant: mostly cold loads, so fewer of them
            run("interleaved", database, settings, ids, vectors, Math.max(50, queries / 10), rows);
            ContextGatherer fullText = new ContextGatherer(database, new ContextSettings());
            List<Double> ftMs = new ArrayList<>();
            for (int i = 0; i < Math.min(queries, 400); i++) {
                long s = System.nanoTime();
                fullText.gather(ids.get(i % ids.size()), new TicketText("Q-" + i, probes[i % probes.length],
                        "since this morning on srv-" + i, "", ""), List.of(ContextSource.TICKET_HISTORY));
                ftMs.add((System.nanoTime() - s) / 1e6);
            }
            System.out.printf(Locale.ROOT, "query embedding (the model, one core): p50 %.1f ms, p95 %.1f ms (first, with the model load: %.0f ms)%n",
                    pct(embedMs.subList(1, embedMs.size()), 50), pct(embedMs.subList(1, embedMs.size()), 95), embedMs.get(0));
            System.out.printf(Locale.ROOT, "baseline full-text similar-ticket retrieval (%d queries): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    ftMs.size(), pct(ftMs, 50), pct(ftMs, 95), pct(ftMs, 99));
        }
    }

    /**
     * {@code bursts}: a tenant's tickets come in runs (25 in a row, then another tenant chosen at
     * random), as a tenant's working hours and storms bring them. {@code interleaved}: every
     * query picks a tenant at random, the worst case for a cache.
     */
    static void run(String order, TenantDatabase database, EmbeddingSettings settings, List<TenantId> tenants,
                    List<QuantizedVector> vectors, int queries, int rows) {
        VectorIndex index = new VectorIndex(database, settings, t -> { });
        Random random = new Random(42);
        List<Double> all = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        TenantId tenant = tenants.get(0);
        long maxHeap = 0;
        for (int i = 0; i < queries; i++) {
            if (order.equals("interleaved") || i % 25 == 0) {
                tenant = tenants.get(random.nextInt(tenants.size()));
            }
            boolean cached = index.isCached(tenant);
            long s = System.nanoTime();
            TenantVectors v = index.forTenant(tenant);
            v.tickets().nearest(vectors.get(i % vectors.size()), 20, 0.2, null);
            double ms = (System.nanoTime() - s) / 1e6;
            all.add(ms);
            (cached ? warm : cold).add(ms);
            if (v.tickets().size() != rows) {
                throw new IllegalStateException("a tenant's matrix holds " + v.tickets().size() + " rows, not " + rows);
            }
            Runtime rt = Runtime.getRuntime();
            maxHeap = Math.max(maxHeap, rt.totalMemory() - rt.freeMemory());
        }
        System.out.printf(Locale.ROOT, "%n[%s] %d tenants x %d tickets, cache bound %s (holds %d tenants), %d searches (k=20)%n",
                order, tenants.size(), rows, settings.getCacheMaxSize(), index.cachedTenants(), queries);
        System.out.printf(Locale.ROOT, "  all searches:  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(all, 50), pct(all, 95), pct(all, 99), pct(all, 100));
        System.out.printf(Locale.ROOT, "  warm (cached): %d, p50 %.1f ms, p95 %.1f ms%n", warm.size(), pct(warm, 50), pct(warm, 95));
        System.out.printf(Locale.ROOT, "  cold (loaded): %d (%.1f%%), p50 %.1f ms, max %.1f ms%n", cold.size(),
                100.0 * cold.size() / queries, pct(cold, 50), pct(cold, 100));
        System.out.printf(Locale.ROOT, "  cache: %.1f MiB weighed for %d tenants; JVM heap used at most %.0f MiB%n",
                index.cachedBytes() / 1048576.0, index.cachedTenants(), maxHeap / 1048576.0);
    }

    /** 388 bytes: a scale, then 384 bytes from md5s of the row's id (different per row). */
    static String syntheticVector() {
        StringBuilder b = new StringBuilder("decode('3b808081'");
        for (int i = 0; i < 24; i++) {
            b.append(" || md5(ticket_id || '").append(i).append("')");
        }
        return b.append(", 'hex')").toString();
    }

    static double pct(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
