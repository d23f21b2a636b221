package com.aiagents.platform.worker.bench;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.EmbeddingDao;
import com.aiagents.platform.worker.db.VectorPackDao;
import com.aiagents.platform.worker.semantic.EmbeddingSettings;
import com.aiagents.platform.worker.semantic.QuantizedVector;
import com.aiagents.platform.worker.semantic.ScanKernels;
import com.aiagents.platform.worker.semantic.SentenceEmbedder;
import com.aiagents.platform.worker.semantic.SignMatrix;
import com.aiagents.platform.worker.semantic.TenantVectors;
import com.aiagents.platform.worker.semantic.VectorIndex;
import com.aiagents.platform.worker.semantic.VectorMatrix;
import com.aiagents.platform.worker.semantic.VectorPacks;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.DataSize;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;

/**
 * Nearest-neighbour latency of the semantic half of retrieval at {@code bench.vectors.rows}
 * tickets per tenant, with more tenants than the vector cache's bound holds at once, so tenants
 * are evicted and loaded again (cold loads, timed as part of the search that needed them). Each
 * search is the one the context stage makes (the 20 nearest with the feedback re-rank). In the
 * same run, as baselines: the portable scalar scan against the SIMD one on the same warm
 * matrices, the former text-format load against the streamed binary one, and the full-text
 * retrieval. Where a cold load's time goes: the loading thread's own CPU (decoding, copying)
 * against its wall time (the rest is PostgreSQL and the wire). The vectors are synthetic (every
 * row is scored whatever its values); the ticket texts are the worker benchmark's. The machine's
 * load average is printed with each phase. Every phase reads PostgreSQL through a connection pool
 * built as the worker builds its own (Dropwizard's, the worker's config.yml sizes); the phase
 * breakdown times a search's steps on the pool and, beside it, on a new connection per
 * transaction (what this benchmark measured before 2026-12-06). docs/benchmarks.md has the
 * command and the figures.
 */
public final class VectorSearchBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.vectors.rows", 100_000);
        int tenants = Integer.getInteger("bench.vectors.tenants", 5);
        DataSize cache = DataSize.parse(System.getProperty("bench.vectors.cache", "110 MiB"));
        // holds 2 of 5 tenants of 100,000 tickets as sign bits (6.3 MiB each while their ids stay packed)
        DataSize packedCache = DataSize.parse(System.getProperty("bench.vectors.packedCache", "14 MiB"));
        int queries = Integer.getInteger("bench.vectors.queries", 1000);
        System.out.printf(Locale.ROOT, "load average at the start: %s; scan kernel: %s%n", load(), ScanKernels.best());
        try (TestDatabase db = TestDatabase.createMigrated()) {
            ManagedDataSource pool = workerPool(db);
            TenantDatabase database = new TenantDatabase(Jdbi.create(pool));
            // a new connection per transaction (a new server process, its caches cold): the phase breakdown's comparison
            TenantDatabase unpooled = new TenantDatabase(Jdbi.create(db.jdbcUrl(),
                    db.roleFor(ServiceRole.ENHANCEMENT_WORKER), db.password()));
            List<TenantId> ids = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < tenants; i++) {
                TenantId tenant = TenantId.of(String.format("vectors-%02d", i));
                // embedded a while ago, as a tenant's history is: a pack built within the catch-up's
                // 2-minute overlap of its rows' writes would have every load read them again
                BenchmarkData.generate(database, tenant, rows, syntheticVector(), "now() - interval '1 hour'");
                ids.add(tenant);
            }
            System.out.printf(Locale.ROOT, "data: %d tenants x %d tickets with embeddings in %.0f s%n", tenants, rows,
                    (System.nanoTime() - t0) / 1e9);
            try (var c = db.connectAsOwner(); var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE ticket_history");
            }
            List<Double> buildMs = new ArrayList<>();
            for (TenantId tenant : ids) {
                long s = System.nanoTime();
                new VectorPacks(database).rebuild(tenant);
                buildMs.add((System.nanoTime() - s) / 1e6);
            }
            System.out.printf(Locale.ROOT, "pack rebuilds (the backfill's, off the search path): p50 %.0f ms, max %.0f ms; "
                    + "load average %s%n", pct(buildMs, 50), pct(buildMs, 100), load());
            // the baseline: the whole int8 matrix per tenant, loaded row by row (as before V23)
            EmbeddingSettings settings = new EmbeddingSettings();
            settings.setCacheMaxSize(cache);
            settings.setSignPacks(false);
            EmbeddingSettings packed = new EmbeddingSettings();
            packed.setCacheMaxSize(packedCache);
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
            phases(database, unpooled, packed, ids, vectors);
            VectorMatrix whole = kernels(database, settings, ids.get(0), vectors, rows);
            recall(database, ids.get(0), whole, vectors);
            loads(database, settings, packed, ids, rows);
            run("bursts", database, packed, ids, vectors, queries, rows);
            // every search a random tenant: mostly cold loads, so fewer of them; the baseline first
            run("interleaved", database, settings, ids, vectors, Math.max(50, queries / 10), rows);
            run("interleaved", database, packed, ids, vectors, Math.max(50, queries * 3 / 10), rows);
            // the bound of the sign-bit phases before 2026-12-06 (it held 2 of 5 when every id was a String): now all 5 fit
            EmbeddingSettings sameBytes = new EmbeddingSettings();
            sameBytes.setCacheMaxSize(DataSize.parse(System.getProperty("bench.vectors.formerPackedCache", "36 MiB")));
            run("interleaved, the former bound", database, sameBytes, ids, vectors, Math.max(50, queries * 3 / 10), rows);
            // the same as this benchmark measured it before 2026-12-06: a new connection (and server process) per transaction
            run("interleaved, a new connection per transaction (as measured before)", unpooled, packed, ids, vectors,
                    Math.max(50, queries * 3 / 10), rows);
            ContextGatherer fullText = new ContextGatherer(database, new ContextSettings());
            List<Double> ftMs = new ArrayList<>();
            for (int i = 0; i < Math.min(queries, 400); i++) {
                long s = System.nanoTime();
                fullText.gather(ids.get(i % ids.size()), new TicketText("Q-" + i, probes[i % probes.length],
                        "since this morning on srv-" + i, "", ""), List.of(ContextSource.TICKET_HISTORY));
                ftMs.add((System.nanoTime() - s) / 1e6);
            }
            System.out.printf(Locale.ROOT, "%nquery embedding (the model, one core): p50 %.1f ms, p95 %.1f ms (first, with the model load: %.0f ms)%n",
                    pct(embedMs.subList(1, embedMs.size()), 50), pct(embedMs.subList(1, embedMs.size()), 95), embedMs.get(0));
            System.out.printf(Locale.ROOT, "baseline full-text similar-ticket retrieval (%d queries): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; load average %s%n",
                    ftMs.size(), pct(ftMs, 50), pct(ftMs, 95), pct(ftMs, 99), load());
            pool.stop();
        }
    }

    /** The worker's connection pool ({@code database:} in its config.yml: 2 to 12 connections, the same validation query). */
    static ManagedDataSource workerPool(TestDatabase db) throws Exception {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(db.jdbcUrl());
        factory.setUser(db.roleFor(ServiceRole.ENHANCEMENT_WORKER));
        factory.setPassword(db.password());
        factory.setMinSize(2);
        factory.setMaxSize(12);
        factory.setValidationQuery("/* enhancement-worker health */ SELECT 1");
        ManagedDataSource pool = factory.build(new MetricRegistry(), "postgresql");
        pool.start();
        return pool;
    }

    /**
     * Where a sign-bit search's time goes, step by step, wall time and this thread's CPU time
     * each: a warm search (the tenant cached) as {@link TenantVectors#ticketCandidates} and the
     * re-rank run it, and a cold load as {@code VectorIndex} makes it (its statements in order, from
     * the same DAOs), each on the pool and on a new connection per transaction, alternating; then the
     * index's own cold load, whole, to check the steps add up.
     */
    static void phases(TenantDatabase pooled, TenantDatabase unpooled, EmbeddingSettings packed, List<TenantId> tenants,
                       List<QuantizedVector> vectors) {
        TenantId tenant = tenants.get(0);
        SignMatrix signs = new VectorIndex(pooled, packed, t -> { }).forTenant(tenant).ticketSigns();
        Phases warmPooled = new Phases();
        Phases warmUnpooled = new Phases();
        for (int i = 0; i < 240; i++) { // the first 40 of each warm the JIT and the pool up
            QuantizedVector q = vectors.get(i % vectors.size());
            warmSearch(pooled, i < 40 ? new Phases() : warmPooled, tenant, signs, packed.getRescore(), q);
            warmSearch(unpooled, i < 40 ? new Phases() : warmUnpooled, tenant, signs, packed.getRescore(), q);
        }
        System.out.printf(Locale.ROOT, "%n[where a warm search's time goes] %d searches of a cached tenant each way, alternating; "
                + "wall p50 / p95, this thread's CPU p50; load average %s%n", warmPooled.searches(), load());
        Phases.print("the worker's pool", warmPooled, "a new connection per transaction", warmUnpooled);
        Phases coldPooled = new Phases();
        Phases coldUnpooled = new Phases();
        Phases index = new Phases();
        for (int i = 0; i < 25; i++) {
            TenantId t = tenants.get(i % tenants.size());
            VectorPackDao.Pack pack = coldLoad(pooled, i < 5 ? new Phases() : coldPooled, t);
            Phases eager = i < 5 ? new Phases() : index;
            eager.start();
            decodeEveryId(pack);
            eager.mark("(before: every id decoded at load)");
            eager.end();
            coldLoad(unpooled, i < 5 ? new Phases() : coldUnpooled, t);
            Phases whole = i < 5 ? new Phases() : index;
            whole.start();
            new VectorIndex(pooled, packed, x -> { }).forTenant(t);
            whole.mark("VectorIndex.forTenant, cold (pool)");
            whole.end();
        }
        System.out.printf(Locale.ROOT, "%n[where a cold load's time goes] %d loads of a tenant's pack each way, alternating; load average %s%n",
                coldPooled.searches(), load());
        Phases.print("the worker's pool", coldPooled, "a new connection per transaction", coldUnpooled);
        index.print();
    }

    private static void warmSearch(TenantDatabase database, Phases p, TenantId tenant, SignMatrix signs, int rescore,
                                   QuantizedVector q) {
        EmbeddingDao dao = new EmbeddingDao();
        p.start();
        database.inTenant(tenant, h -> {
            p.mark("connection, begin, set_config");
            List<String> ids = signs.candidates(q, rescore, null, id -> true);
            p.mark("Hamming nomination of " + rescore);
            VectorMatrix nominees = new VectorMatrix(ids.size());
            dao.byIds(h, tenant.value(), EmbeddingDao.Source.TICKETS, ids, nominees);
            p.mark("nominees read by id (byIds)");
            nominees.nearestWithFeedback(q, 20, 0.2, null, 1.0);
            p.mark("exact ranking + feedback re-rank");
            return null;
        });
        p.mark("commit, connection back");
        p.end();
    }

    /** What the load did with the ids before 2026-12-06: a String for every row (no longer kept). */
    private static int decodeEveryId(VectorPackDao.Pack pack) {
        int decoded = 0;
        for (SignMatrix.Chunk chunk : pack.chunks()) {
            String[] ids = new String[chunk.rows()];
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(chunk.ids());
            for (int i = 0; i < chunk.rows(); i++) {
                int length = buf.getShort() & 0xffff;
                ids[i] = new String(chunk.ids(), buf.position(), length, java.nio.charset.StandardCharsets.UTF_8);
                buf.position(buf.position() + length);
            }
            decoded += ids.length;
        }
        return decoded;
    }

    private static VectorPackDao.Pack coldLoad(TenantDatabase database, Phases p, TenantId tenant) {
        EmbeddingDao dao = new EmbeddingDao();
        p.start();
        VectorPackDao.Pack read = database.inTenant(tenant, h -> {
            p.mark("connection, begin, set_config");
            dao.now(h);
            p.mark("now()");
            VectorPackDao.Pack pack = new VectorPackDao().read(h, tenant.value(), "tickets");
            p.mark("pack read (" + pack.chunks().size() + " rows, " + (pack.idBytes() + pack.rows() * SignMatrix.ROW_BYTES) / 1000 + " kB)");
            SignMatrix s = new SignMatrix(pack.rows() + SignMatrix.slack(pack.rows()), pack.idBytes());
            pack.chunks().forEach(s::addChunk);
            p.mark("chunks into the matrix");
            dao.changedSince(h, tenant.value(), EmbeddingDao.Source.TICKETS, pack.builtAt().minusSeconds(120));
            s.trim();
            p.mark("rows changed since the pack");
            VectorMatrix articles = new VectorMatrix(0);
            dao.load(h, tenant.value(), EmbeddingDao.Source.KB, articles);
            articles.trim();
            p.mark("KB articles");
            dao.anyUnembedded(h, tenant.value());
            p.mark("rows without an embedding?");
            return pack;
        });
        p.mark("commit, connection back");
        p.end();
        return read;
    }

    /** Wall and this thread's CPU time per named step, over many runs. */
    static final class Phases {
        private final java.util.Map<String, List<double[]>> steps = new java.util.LinkedHashMap<>();
        private final List<double[]> totals = new ArrayList<>();
        private long wall;
        private long cpu;
        private long wallStart;
        private long cpuStart;

        void start() {
            wallStart = wall = System.nanoTime();
            cpuStart = cpu = THREADS.getCurrentThreadCpuTime();
        }

        void mark(String step) {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            steps.computeIfAbsent(step, k -> new ArrayList<>()).add(new double[] {(w - wall) / 1e6, (c - cpu) / 1e6});
            wall = w;
            cpu = c;
        }

        void end() {
            totals.add(new double[] {(System.nanoTime() - wallStart) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6});
        }

        int searches() {
            return totals.size();
        }

        String line(String step) {
            List<double[]> xs = step == null ? totals : steps.get(step);
            return String.format(Locale.ROOT, "%6.2f / %6.2f ms, CPU %5.2f ms", at(xs, 0, 50), at(xs, 0, 95), at(xs, 1, 50));
        }

        void print() {
            steps.keySet().forEach(step -> System.out.printf(Locale.ROOT, "  %-36s %s%n", step, line(step)));
        }

        /** Two ways side by side, step by step (the sum of the p50s is not the total's p50). */
        static void print(String a, Phases pa, String b, Phases pb) {
            System.out.printf(Locale.ROOT, "  %-36s %-34s %s%n", "step", a, b);
            pa.steps.keySet().forEach(step -> System.out.printf(Locale.ROOT, "  %-36s %-34s %s%n", step, pa.line(step), pb.line(step)));
            System.out.printf(Locale.ROOT, "  %-36s %-34s %s%n", "whole", pa.line(null), pb.line(null));
        }

        private static double at(List<double[]> xs, int column, int percentile) {
            List<Double> values = new ArrayList<>();
            xs.forEach(x -> values.add(x[column]));
            return pct(values, percentile);
        }
    }

    /**
     * The scan alone on one warm matrix, the two kernels in alternating rounds (so the machine's
     * load falls on both alike), and the bytes one search allocates.
     */
    static VectorMatrix kernels(TenantDatabase database, EmbeddingSettings settings, TenantId tenant,
                                List<QuantizedVector> vectors, int rows) {
        VectorIndex index = new VectorIndex(database, settings, t -> { });
        VectorMatrix matrix = index.forTenant(tenant).tickets();
        List<Double> simd = new ArrayList<>();
        List<Double> scalar = new ArrayList<>();
        List<Double> feedback = new ArrayList<>();
        long allocated = 0;
        int measured = 0;
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < 20; i++) {
                QuantizedVector q = vectors.get((round * 20 + i) % vectors.size());
                long s = System.nanoTime();
                ScanKernels.nearest(matrix, q, 50, false);
                double simdMs = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                ScanKernels.nearest(matrix, q, 50, true);
                double scalarMs = (System.nanoTime() - s) / 1e6;
                long a = THREADS.getCurrentThreadAllocatedBytes();
                s = System.nanoTime();
                matrix.nearestWithFeedback(q, 20, 0.2, null, 1.0);
                double feedbackMs = (System.nanoTime() - s) / 1e6;
                long bytes = THREADS.getCurrentThreadAllocatedBytes() - a;
                if (round >= 2) { // the first rounds warm the JIT up
                    simd.add(simdMs);
                    scalar.add(scalarMs);
                    feedback.add(feedbackMs);
                    allocated += bytes;
                    measured++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n[scan alone] one warm matrix of %d rows, %d searches each, alternating; load average %s%n",
                matrix.size(), simd.size(), load());
        System.out.printf(Locale.ROOT, "  %s kernel, 50 nearest:     p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", ScanKernels.best(),
                pct(simd, 50), pct(simd, 95), pct(simd, 99));
        System.out.printf(Locale.ROOT, "  scalar kernel (baseline), 50 nearest: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                pct(scalar, 50), pct(scalar, 95), pct(scalar, 99));
        System.out.printf(Locale.ROOT, "  the context stage's search (20 nearest + feedback re-rank, %s): p50 %.1f ms, p95 %.1f ms; "
                + "%.1f KiB allocated per search%n", ScanKernels.best(), pct(feedback, 50), pct(feedback, 95),
                allocated / 1024.0 / Math.max(1, measured));
        return matrix;
    }

    /**
     * How often the search through the sign bits returns what the scan of the whole matrix does
     * (the context stage's 20 with the feedback re-rank, and the re-rank's pool of 50), for several
     * numbers of nominees ranked exactly. These vectors are random bytes, where a row's nearest
     * neighbours are barely closer than the rest: the worst case for any quantization.
     */
    static void recall(TenantDatabase database, TenantId tenant, VectorMatrix whole, List<QuantizedVector> vectors) {
        System.out.printf(Locale.ROOT, "%n[recall of the sign bits against the exact scan] %d queries on %d random vectors%n",
                vectors.size(), whole.size());
        for (int rescore : new int[] {400, 1000, 2000, 5000}) {
            EmbeddingSettings s = new EmbeddingSettings();
            s.setRescore(rescore);
            TenantVectors packed = new VectorIndex(database, s, t -> { }).forTenant(tenant);
            double top20 = 0;
            double pool = 0;
            int same = 0;
            List<Double> ms = new ArrayList<>();
            for (QuantizedVector q : vectors) {
                List<VectorMatrix.Scored> exact = whole.nearestWithFeedback(q, 20, -1.0, null, 1.0);
                List<VectorMatrix.Scored> exactPool = whole.nearest(q, 50, -1.0, null);
                long t0 = System.nanoTime();
                List<List<VectorMatrix.Scored>> got = database.inTenant(tenant, h -> {
                    VectorMatrix m = packed.ticketCandidates(h, tenant, q, null, id -> true, List.of());
                    return List.of(m.nearestWithFeedback(q, 20, -1.0, null, 1.0), m.nearest(q, 50, -1.0, null));
                });
                ms.add((System.nanoTime() - t0) / 1e6);
                top20 += overlap(exact, got.get(0)) / 20.0;
                pool += overlap(exactPool, got.get(1)) / 50.0;
                same += exact.equals(got.get(0)) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "  %d nominees: recall@20 %.2f, pool recall@50 %.2f, identical lists %d of %d; "
                            + "warm search p50 %.1f ms, p95 %.1f ms%n", rescore, top20 / vectors.size(), pool / vectors.size(),
                    same, vectors.size(), pct(ms, 50), pct(ms, 95));
        }
    }

    private static int overlap(List<VectorMatrix.Scored> a, List<VectorMatrix.Scored> b) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        a.forEach(x -> ids.add(x.id()));
        return (int) b.stream().filter(x -> ids.contains(x.id())).count();
    }

    /**
     * Cold loads of whole tenants outside the searches: the streamed binary load (what the index
     * does) against the former text-format load, alternating; wall time and the loading thread's
     * own CPU time.
     */
    static void loads(TenantDatabase database, EmbeddingSettings settings, EmbeddingSettings packed, List<TenantId> tenants,
                      int rows) {
        List<Double> packWall = new ArrayList<>();
        List<Double> packCpu = new ArrayList<>();
        List<Double> binWall = new ArrayList<>();
        List<Double> binCpu = new ArrayList<>();
        List<Double> textWall = new ArrayList<>();
        List<Double> textCpu = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TenantId tenant = tenants.get(i % tenants.size());
            long cpu = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            int loaded = new VectorIndex(database, settings, t -> { }).forTenant(tenant).tickets().size();
            binWall.add((System.nanoTime() - s) / 1e6);
            binCpu.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
            cpu = THREADS.getCurrentThreadCpuTime();
            s = System.nanoTime();
            int text = textLoad(database, tenant);
            textWall.add((System.nanoTime() - s) / 1e6);
            textCpu.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
            cpu = THREADS.getCurrentThreadCpuTime();
            s = System.nanoTime();
            int signs = new VectorIndex(database, packed, t -> { }).forTenant(tenant).ticketCount();
            packWall.add((System.nanoTime() - s) / 1e6);
            packCpu.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
            if (loaded != rows || text != rows || signs != rows) {
                throw new IllegalStateException("loaded " + loaded + ", " + text + " and " + signs + " rows, not " + rows);
            }
        }
        System.out.printf(Locale.ROOT, "%n[cold loads alone] %d loads of %d rows each way, alternating; load average %s%n",
                binWall.size(), rows, load());
        System.out.printf(Locale.ROOT, "  streamed, binary (the index):     p50 %.0f ms wall, of which %.0f ms this thread's CPU%n",
                pct(binWall, 50), pct(binCpu, 50));
        System.out.printf(Locale.ROOT, "  text format, a vector object per row (before): p50 %.0f ms wall, of which %.0f ms this thread's CPU%n",
                pct(textWall, 50), pct(textCpu, 50));
        System.out.printf(Locale.ROOT, "  sign bits from vector_packs (V23): p50 %.0f ms wall, p95 %.0f ms, of which %.0f ms this thread's CPU%n",
                pct(packWall, 50), pct(packWall, 95), pct(packCpu, 50));
    }

    /** The load as it was: a count, then the rows in text format, each decoded through a QuantizedVector. */
    private static int textLoad(TenantDatabase database, TenantId tenant) {
        return database.inTenant(tenant, h -> {
            int count = h.createQuery("SELECT count(*) FROM ticket_history WHERE tenant_id = :t AND embedding IS NOT NULL "
                    + "AND coalesce(resolution, '') <> ''").bind("t", tenant.value()).mapTo(Integer.class).one();
            VectorMatrix m = new VectorMatrix(count);
            h.createQuery("SELECT ticket_id, embedding FROM ticket_history WHERE tenant_id = :t AND embedding IS NOT NULL "
                            + "AND coalesce(resolution, '') <> ''")
                    .bind("t", tenant.value()).setFetchSize(5_000)
                    .map((rs, ctx) -> {
                        m.put(rs.getString(1), QuantizedVector.fromBytes(rs.getBytes(2)));
                        return Boolean.TRUE;
                    })
                    .forEach(x -> { });
            return m.size();
        });
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
        List<Double> coldCpu = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        TenantId tenant = tenants.get(0);
        long maxHeap = 0;
        String before = load();
        for (int i = 0; i < queries; i++) {
            if (order.startsWith("interleaved") || i % 25 == 0) {
                tenant = tenants.get(random.nextInt(tenants.size()));
            }
            boolean cached = index.isCached(tenant);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            TenantVectors v = index.forTenant(tenant);
            QuantizedVector q = vectors.get(i % vectors.size());
            TenantId t = tenant;
            // as the context stage: inside the tenant's transaction (the sign bits' nominees are read there)
            database.inTenant(t, h -> v.ticketCandidates(h, t, q, null, id -> true, List.of())
                    .nearestWithFeedback(q, 20, 0.2, null, 1.0));
            double ms = (System.nanoTime() - s) / 1e6;
            all.add(ms);
            if (cached) {
                warm.add(ms);
            } else {
                cold.add(ms);
                coldCpu.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
            }
            if (v.ticketCount() != rows) {
                throw new IllegalStateException("a tenant's matrix holds " + v.ticketCount() + " rows, not " + rows);
            }
            Runtime rt = Runtime.getRuntime();
            maxHeap = Math.max(maxHeap, rt.totalMemory() - rt.freeMemory());
        }
        System.out.printf(Locale.ROOT, "%n[%s, %s] %d tenants x %d tickets, cache bound %s (holds %d tenants), %d searches "
                        + "(20 nearest + re-rank, %s); load average before %s, after %s%n",
                order, settings.isSignPacks() ? "sign bits + exact rescoring of " + settings.getRescore()
                        : "whole int8 matrix (before)", tenants.size(), rows, settings.getCacheMaxSize(), index.cachedTenants(), queries, ScanKernels.best(),
                before, load());
        System.out.printf(Locale.ROOT, "  all searches:  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(all, 50), pct(all, 95), pct(all, 99), pct(all, 100));
        System.out.printf(Locale.ROOT, "  warm (cached): %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", warm.size(),
                pct(warm, 50), pct(warm, 95), pct(warm, 99));
        System.out.printf(Locale.ROOT, "  cold (loaded): %d (%.1f%%), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "this thread's CPU in a cold search p50 %.0f ms%n", cold.size(), 100.0 * cold.size() / queries,
                pct(cold, 50), pct(cold, 95), pct(cold, 99), pct(cold, 100), pct(coldCpu, 50));
        System.out.printf(Locale.ROOT, "  cache: %.1f MiB weighed for %d tenants; JVM heap used at most %.0f MiB%n",
                index.cachedBytes() / 1048576.0, index.cachedTenants(), maxHeap / 1048576.0);
    }

    /** 388 bytes: a scale, then 384 bytes from md5s of the row number (different per row). */
    static String syntheticVector() {
        StringBuilder b = new StringBuilder("decode('3b808081'");
        for (int i = 0; i < 24; i++) {
            b.append(" || md5(g::text || '").append(i).append("')");
        }
        return b.append(", 'hex')").toString();
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
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
