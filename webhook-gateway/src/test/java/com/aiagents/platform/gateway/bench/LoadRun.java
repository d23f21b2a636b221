package com.aiagents.platform.gateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load: {@code connections} threads, each with its own keep-alive connection,
 * sending back to back for a fixed time. Records every request's latency for percentiles.
 */
final class LoadRun {
    /** Builds the i-th request of a connection: path, extra header lines, body. */
    interface RequestFactory {
        Request next(int connection, long sequence);
    }

    record Request(String pathAndQuery, String headerLines, byte[] body) {
    }

    /**
     * Latencies in nanoseconds, sorted; {@code seconds} of wall time they were sent in; the CPU
     * time spent meanwhile, when measured.
     */
    record Result(String name, long[] latencies, long unexpected, double seconds, CpuMeter.Sample cpu) {
        Result withCpu(CpuMeter.Sample measured) {
            return new Result(name, latencies, unexpected, seconds, measured);
        }

        double jvmCpuMicrosPerRequest() {
            return cpu == null ? Double.NaN : cpu.jvmNanos() / 1e3 / latencies.length;
        }

        double redisCpuMicrosPerRequest() {
            return cpu == null ? Double.NaN : cpu.redisNanos() / 1e3 / latencies.length;
        }

        long requests() {
            return latencies.length;
        }

        double perSecond() {
            return latencies.length / seconds;
        }

        double p50Millis() {
            return percentile(latencies, 0.50) / 1e6;
        }

        double p99Millis() {
            return percentile(latencies, 0.99) / 1e6;
        }

        /** Several slices of the same load as one measurement. */
        static Result combine(String name, List<Result> slices) {
            long[] all = slices.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).sorted().toArray();
            return new Result(name, all, slices.stream().mapToLong(Result::unexpected).sum(),
                    slices.stream().mapToDouble(Result::seconds).sum(), null);
        }
    }

    private LoadRun() {
    }

    static Result run(String name, int port, int connections, Duration duration, int expectedStatus, RequestFactory factory)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        long[] unexpected = new long[connections];
        for (int c = 0; c < connections; c++) {
            int connection = c;
            futures.add(pool.submit(() -> drive(port, connection, deadline, expectedStatus, factory, unexpected)));
        }
        long started = System.nanoTime();
        List<long[]> perConnection = new ArrayList<>();
        for (Future<long[]> future : futures) {
            perConnection.add(future.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] all = perConnection.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, all, Arrays.stream(unexpected).sum(), seconds, null);
    }

    private static long[] drive(int port, int connection, long deadline, int expectedStatus, RequestFactory factory,
            long[] unexpected) throws Exception {
        long[] latencies = new long[1 << 16];
        int count = 0;
        try (KeepAliveHttpClient client = new KeepAliveHttpClient(port)) {
            for (long sequence = 0; System.nanoTime() < deadline; sequence++) {
                Request request = factory.next(connection, sequence);
                long start = System.nanoTime();
                int status = client.post(request.pathAndQuery(), request.headerLines(), request.body());
                long elapsed = System.nanoTime() - start;
                if (status != expectedStatus) {
                    unexpected[connection]++;
                }
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = elapsed;
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
