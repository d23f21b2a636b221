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
                    tickets.add(env.simulator().seed(t.id().value(), 50, 3));
                    env.simulator().setLatency(t.id().value(), sdpMillis);
                }
                report.append(String.format("- %d basic tenants, %d jobs per phase spread evenly, SDP simulator latency %d ms "
                        + "per call, LLM (MockWebServer) %d ms per completion, per-tenant cap 4 (work-conserving)%n",
                        tenants, jobs, sdpMillis, llmMillis));
                report.append("- machine load average at the start (2 cores, shared with other builds): "
                        + Files.readString(Path.of("/proc/loadavg")).trim() + "\n");
                for (String c : concurrencies) {
                    report.append(phase(env, all, tickets, Integer.parseInt(c.trim()), jobs));
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

    /** One worker process at {@code concurrency}, draining {@code jobs}; returns its report line. */
    private static String phase(WorkerEnvironment env, List<Tenant> tenants, List<List<String>> tickets, int concurrency,
                                int jobs) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(env.settings());
        settings.put("queue.concurrency", Integer.toString(concurrency));
        settings.put("database.maxSize", Integer.toString(concurrency + 4)); // one connection per job slot
        Process worker = WorkerProcess.start(settings, Path.of("target", "bench"), "capacity-" + concurrency);
        try {
            WorkerBenchmark.awaitWorker(env);
            long before = WorkerBenchmark.posted(env, tenants);
            List<EnhancementJob> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                List<String> ids = tickets.get(i % tenants.size());
                batch.add(WorkerEnvironment.job(tenants.get(i % tenants.size()).id(), ids.get((i / tenants.size()) % ids.size())));
            }
            long start = System.nanoTime();
            env.enqueue(batch);
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            long done = 0;
            while (done < jobs && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
                done = WorkerBenchmark.posted(env, tenants) - before;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return String.format("- concurrency %d: %d of %d jobs posted in %.1f s = **%.1f jobs/s**, worker peak RSS %s%n",
                    concurrency, done, jobs, seconds, done / seconds, peakRss(worker));
        } finally {
            worker.destroy();
            worker.waitFor(30, TimeUnit.SECONDS);
            try (Jedis jedis = env.redis()) {
                jedis.del(QueueKeys.WORKERS);
            }
        }
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
