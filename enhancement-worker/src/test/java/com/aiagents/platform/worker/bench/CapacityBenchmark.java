package com.aiagents.platform.worker.bench;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.aiagents.platform.worker.support.FakeLlm;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.aiagents.platform.worker.support.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Capacity of one worker process with real-world latencies (not a test): the SDP simulator answers
 * every call in ~150 ms and the LLM (MockWebServer) in ~2 s, so a job spends ~2.5 s waiting on the
 * network. Each phase starts a fresh worker process (child JVM) at a given concurrency and drains
 * the same number of jobs over the tenants; the first phase is the baseline (the default
 * concurrency), the others raise it, all in the same run. Reports jobs/s and the child's peak RSS.
 * Run: {@code mvn -B -o -pl enhancement-worker -am -Pbench -DskipTests -Dbench.main=CapacityBenchmark verify};
 * the figures go to {@code enhancement-worker/target/bench/capacity.md}. Sizes:
 * {@code -Dbench.tenants=10 -Dbench.capacityJobs=300 -Dbench.concurrencies=8,64} (LLM and SDP latencies:
 * {@code bench.llmMillis}, {@code bench.sdpMillis} in the benchmark JVM).
 */
public final class CapacityBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CapacityBenchmark.class);

    private CapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tenants = Integer.getInteger("bench.tenants", 10);
        int jobs = Integer.getInteger("bench.capacityJobs", 300);
        int llmMillis = Integer.getInteger("bench.llmMillis", 2000);
        int sdpMillis = Integer.getInteger("bench.sdpMillis", 150);
        String[] concurrencies = System.getProperty("bench.concurrencies", "8,64").split(",");
        int warmup = Integer.getInteger("bench.warmupJobs", 100);
        int maxPool = Integer.getInteger("bench.dbPool", 16);
        StringBuilder report = new StringBuilder();
        try (FakeLlm llm = new FakeLlm()) {
            llm.latency(llmMillis);
            WorkerEnvironment env = new WorkerEnvironment(false, Map.of("llm.baseUrl", llm.baseUrl(),
                    "llm.apiKey", "bench-llm-key", "logging.level", "WARN"));
            env.beforeAll(null);
            try {
                List<Tenant> all = new ArrayList<>();
                List<List<String>> tickets = new ArrayList<>();
                for (int i = 0; i < tenants; i++) {
                    Tenant t = env.createTenant(String.format("cap-%02d", i), "{\"output_format\":\"html\"}", "basic", 100_000);
                    all.add(t);
                    // every job of the run on a ticket of its own: a ticket gets at most 3 notes an hour
                    int perTenant = (jobs + warmup) * concurrencies.length / tenants + 1;
                    tickets.add(env.simulator().seed(t.id().value(), perTenant, 3));
                    env.simulator().setLatency(t.id().value(), sdpMillis);
                }
                report.append(String.format("- %d basic tenants, %d jobs per phase spread evenly (after %d warm-up jobs, not "
                        + "measured), SDP simulator latency %d ms per call, LLM (MockWebServer) %d ms per completion, per-tenant "
                        + "cap 4 (work-conserving), database pool min(concurrency + 4, %d)%n",
                        tenants, jobs, warmup, sdpMillis, llmMillis, maxPool));
                report.append("- machine load average at the start (2 cores, shared with other builds): "
                        + Files.readString(Path.of("/proc/loadavg")).trim() + "\n");
                int[] next = {0};
                for (String c : concurrencies) {
                    int concurrency = Integer.parseInt(c.trim());
                    report.append(phase(env, all, tickets, next, concurrency, Math.min(concurrency + 4, maxPool), warmup, jobs));
                }
            } finally {
                env.afterAll(null);
            }
        }
        Path out = Path.of("target", "bench", "capacity.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        LOG.warn("capacity benchmark results:\n{}", report);
    }

    /**
     * One worker process at {@code concurrency} with a database pool of {@code pool}: {@code warmup}
     * jobs first (the JIT compiles, the embedding model and the pools fill), then {@code jobs}
     * measured; returns its report line. {@code next}: the next unused ticket of each tenant.
     */
    private static String phase(WorkerEnvironment env, List<Tenant> tenants, List<List<String>> tickets, int[] next,
                                int concurrency, int pool, int warmup, int jobs) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(env.settings());
        settings.put("queue.concurrency", Integer.toString(concurrency));
        settings.put("database.maxSize", Integer.toString(pool));
        Process worker = WorkerProcess.start(settings, Path.of("target", "bench"), "capacity-" + concurrency);
        try {
            WorkerBenchmark.awaitWorker(env);
            if (warmup > 0) {
                drain(env, tenants, batch(tenants, tickets, next, warmup), warmup);
            }
            double cpuBefore = cpuSeconds(worker);
            String loadBefore = loadAverage();
            BusyConnections busy = new BusyConnections(env);
            busy.start();
            long start = System.nanoTime();
            long done = drain(env, tenants, batch(tenants, tickets, next, jobs), jobs);
            double seconds = (System.nanoTime() - start) / 1e9;
            busy.stop();
            double cpu = cpuSeconds(worker) - cpuBefore;
            return String.format(java.util.Locale.ROOT, "- concurrency %d, database pool %d: %d of %d jobs posted in %.1f s = "
                    + "**%.1f jobs/s**, worker CPU %.1f s (%.1f ms per job), database connections in use at once: mean %.1f, "
                    + "max %d; worker peak RSS %s; load average before %s, after %s%n",
                    concurrency, pool, done, jobs, seconds, done / seconds, cpu, done == 0 ? 0 : 1000 * cpu / done,
                    busy.mean(), busy.max(), peakRss(worker), loadBefore, loadAverage());
        } finally {
            worker.destroy();
            worker.waitFor(30, TimeUnit.SECONDS);
            try (Jedis jedis = env.redis()) {
                jedis.del(QueueKeys.WORKERS);
            }
        }
    }

    /** {@code count} jobs round-robin over the tenants, each on a ticket not used before in the run. */
    private static List<EnhancementJob> batch(List<Tenant> tenants, List<List<String>> tickets, int[] next, int count) {
        List<EnhancementJob> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int t = i % tenants.size();
            batch.add(WorkerEnvironment.job(tenants.get(t).id(), tickets.get(t).get(next[0] + i / tenants.size())));
        }
        next[0] += (count + tenants.size() - 1) / tenants.size();
        return batch;
    }

    /** Enqueues the jobs at once and waits (at most 10 minutes) until that many more notes are posted. */
    private static long drain(WorkerEnvironment env, List<Tenant> tenants, List<EnhancementJob> batch, int jobs)
            throws InterruptedException {
        long before = WorkerBenchmark.posted(env, tenants);
        long start = System.nanoTime();
        env.enqueue(batch);
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        long done = 0;
        while (done < jobs && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            done = WorkerBenchmark.posted(env, tenants) - before;
        }
        return done;
    }

    /**
     * Samples, every 100 ms, how many of the worker role's connections are not idle (in a query or
     * a transaction): what the job slots really need of the pool. The benchmark's own progress
     * query runs as the same role and is left out by its text (its tenant-context statement may
     * still count, one connection at most).
     */
    private static final class BusyConnections {
        private final WorkerEnvironment env;
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final List<Integer> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        private Thread thread;

        BusyConnections(WorkerEnvironment env) {
            this.env = env;
        }

        void start() {
            thread = new Thread(() -> {
                // the worker's own role sees its sessions' states; this sampler's session is excluded
                try (java.sql.Connection c = env.testDatabase().connectAs(com.aiagents.platform.schema.ServiceRole.ENHANCEMENT_WORKER);
                     java.sql.PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                             + "WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid() "
                             + "AND state IS NOT NULL AND state <> 'idle' "
                             + "AND query NOT LIKE 'SELECT count(*) FROM enhancement_history WHERE status%'")) {
                    while (running.get()) {
                        try (java.sql.ResultSet rs = st.executeQuery()) {
                            rs.next();
                            samples.add(rs.getInt(1));
                        }
                        TimeUnit.MILLISECONDS.sleep(100);
                    }
                } catch (Exception e) {
                    LOG.warn("connection sampler stopped: {}", e.toString());
                }
            }, "busy-connections");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }

        double mean() {
            synchronized (samples) {
                return samples.stream().mapToInt(Integer::intValue).average().orElse(0);
            }
        }

        int max() {
            synchronized (samples) {
                return samples.stream().mapToInt(Integer::intValue).max().orElse(0);
            }
        }
    }

    /** User + system CPU time the child has used so far (/proc/<pid>/stat, in clock ticks of 10 ms). */
    private static double cpuSeconds(Process process) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** VmHWM of the child: the most resident memory it ever had. */
    private static String peakRss(Process process) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.0f MiB", kb / 1024.0);
            }
        }
        return "unknown";
    }
}
