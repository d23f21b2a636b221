package com.aiagents.platform.worker.bench;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.aiagents.platform.worker.support.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * The enhancement-worker benchmark (not a test). On loopback only: real PostgreSQL, Redis,
 * tenant-service and the SDP simulator (zero added latency), the deterministic synthesizer.
 * <ol>
 *   <li>10 tenants x 100,000 resolved tickets in ticket_history (generate_series);</li>
 *   <li>similar-ticket retrieval p50/p95 over 200 queries spread over the tenants;</li>
 *   <li>jobs/s of ONE worker process (child JVM) draining 5,000 jobs over the 10 tenants, with
 *       per-job processing time (claim to posted) and enqueue-to-posted latency.</li>
 * </ol>
 * Run: {@code mvn -B -o -pl enhancement-worker -am -Pbench -DskipTests verify}; the figures are
 * written to {@code enhancement-worker/target/bench/enhancement-worker.md} and logged.
 * Sizes: {@code -Dbench.rows=100000 -Dbench.tenants=10 -Dbench.jobs=3000 -Dbench.concurrency=8}.
 */
public final class WorkerBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerBenchmark.class);

    private WorkerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tenants = Integer.getInteger("bench.tenants", 10);
        int rows = Integer.getInteger("bench.rows", 100_000);
        int jobs = Integer.getInteger("bench.jobs", 3_000);
        int queries = Integer.getInteger("bench.queries", 200);
        WorkerEnvironment env = new WorkerEnvironment(false, Map.of(
                "queue.concurrency", System.getProperty("bench.concurrency", "8"),
                "queue.maxInFlightPerTenant", "4",
                "logging.level", "WARN"));
        env.beforeAll(null);
        StringBuilder report = new StringBuilder();
        Process worker = null;
        try {
            List<Tenant> all = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                all.add(env.createTenant(String.format("bench-%02d", i), "{\"output_format\":\"html\"}", "basic", 100_000));
            }
            long genStart = System.nanoTime();
            for (Tenant t : all) {
                BenchmarkData.generate(env.database(), t.id(), rows);
            }
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            try (var c = env.testDatabase().connectAsOwner(); var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE ticket_history"); // what autovacuum does after a bulk load
            }
            report.append(String.format("- data: %d tenants x %,d ticket_history rows generated in %.1f s%n",
                    tenants, rows, genSeconds));

            List<Double> queryMillis = similarTicketQueries(env.database(), all, queries);
            report.append(String.format("- similar-ticket retrieval (ticket_history source only, top 5, %d queries): "
                    + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", queries, pct(queryMillis, 50), pct(queryMillis, 95),
                    pct(queryMillis, 100)));

            List<List<String>> ticketIds = new ArrayList<>();
            for (Tenant t : all) {
                ticketIds.add(env.simulator().seed(t.id().value(), 200, 11));
            }
            worker = WorkerProcess.start(env.settings(), Path.of("target", "bench"), "worker");
            awaitWorker(env);
            List<EnhancementJob> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                Tenant t = all.get(i % tenants);
                List<String> ids = ticketIds.get(i % tenants);
                batch.add(WorkerEnvironment.job(t.id(), ids.get((i / tenants) % ids.size())));
            }
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            Instant enqueued = Instant.now();
            long start = System.nanoTime();
            env.enqueue(batch);
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            while (posted(env, all) < jobs && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long done = posted(env, all);
            List<Double> processing = new ArrayList<>();
            List<Double> endToEnd = new ArrayList<>();
            for (Tenant t : all) {
                env.database().inTenant(t.id(), h -> {
                    h.createQuery("SELECT duration_ms, extract(epoch FROM updated_at) * 1000 AS posted_ms "
                                    + "FROM enhancement_history WHERE status = 'posted'")
                            .map((rs, ctx) -> {
                                processing.add(rs.getDouble(1));
                                endToEnd.add(rs.getDouble(2) - enqueued.toEpochMilli());
                                return null;
                            }).list();
                    return null;
                });
            }
            report.append(String.format("- one worker process (concurrency %s, per-tenant cap 4, deterministic synthesizer, "
                    + "simulator with no added latency): %d of %d jobs posted in %.1f s = **%.0f jobs/s**%n",
                    System.getProperty("bench.concurrency", "8"), done, jobs, seconds, done / seconds));
            report.append("- machine load average when the job phase started (2 cores, shared with other builds): "
                    + load + "\n");
            report.append(String.format("- per job, claim to note posted: p50 %.0f ms, p95 %.0f ms%n",
                    pct(processing, 50), pct(processing, 95)));
            report.append(String.format("- per job, enqueue to note posted (all %d enqueued at once, so mostly queue wait): "
                    + "p50 %.0f ms, p95 %.0f ms%n", jobs, pct(endToEnd, 50), pct(endToEnd, 95)));
            int webhooks = Integer.getInteger("bench.webhooks", 400);
            List<Double> webhookMillis = WebhookPhase.run(env, all, ticketIds, webhooks, 20);
            report.append(String.format("- webhook to note through webhook-gateway and the worker (%d signed webhooks at "
                    + "20/s over %d tenants, %d notes posted): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", webhooks, tenants,
                    webhookMillis.size(), pct(webhookMillis, 50), pct(webhookMillis, 95), pct(webhookMillis, 100)));
        } finally {
            if (worker != null) {
                worker.destroy();
                worker.waitFor(30, TimeUnit.SECONDS);
            }
            env.afterAll(null);
        }
        Path out = Path.of("target", "bench", "enhancement-worker.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        LOG.warn("benchmark results:\n{}", report);
    }

    private static List<Double> similarTicketQueries(TenantDatabase database, List<Tenant> tenants, int n) {
        String[][] probes = {
                {"VPN keeps disconnecting", "The VPN drops every few minutes on srv-42 since this morning"},
                {"Exchange unreachable from Outlook", "Outlook cannot connect after a password change"},
                {"Blank pages from printer", "Printer on floor 2 prints blank pages intermittently"},
                {"Backup failed tonight", "The database backup job failed during the nightly window on srv-7"},
                {"502 on the website", "Website returns 502 bad gateway for several users"},
                {"Certificate problem", "Certificate expired on load balancer, users see warnings"},
                {"Teams audio", "No audio in Teams calls after the last patch"},
                {"Disk almost full", "Disk space low on server srv-300, alerts firing"}};
        ContextGatherer gatherer = new ContextGatherer(database, new ContextSettings());
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] p = probes[i % probes.length];
            TenantId tenant = tenants.get(i % tenants.size()).id();
            long t0 = System.nanoTime();
            RetrievedContext context = gatherer.gather(tenant, new TicketText("Q-" + i, p[0], p[1], "", ""),
                    List.of(ContextSource.TICKET_HISTORY));
            millis.add((System.nanoTime() - t0) / 1e6);
            if (context.similarTickets().isEmpty()) {
                throw new IllegalStateException("retrieval found nothing for a probe; the data set is wrong");
            }
        }
        return millis;
    }

    static void awaitWorker(WorkerEnvironment env) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = env.redis()) {
                if (jedis.scard(QueueKeys.WORKERS) > 0) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the worker process did not start within 60 s");
    }

    static long posted(WorkerEnvironment env, List<Tenant> tenants) {
        long total = 0;
        for (Tenant t : tenants) {
            total += env.database().inTenant(t.id(), h -> h.createQuery(
                    "SELECT count(*) FROM enhancement_history WHERE status = 'posted'").mapTo(Long.class).one());
        }
        return total;
    }

    private static double pct(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

}
