package com.aiagents.platform.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code redis-benchmark -t lpush -q} on the benchmark's own DB index: Redis' raw LPUSH ceiling here. */
final class RedisBenchmark {
    private static final Pattern RPS = Pattern.compile("LPUSH: ([0-9.]+) requests per second(?:, p50=([0-9.]+) msec)?");

    private RedisBenchmark() {
    }

    record Result(String command, double perSecond, String p50Millis, String rawOutput) {
    }

    static Result lpush(String host, int port, int database, int requests, int payloadBytes) throws IOException, InterruptedException {
        List<String> command = List.of("redis-benchmark", "-h", host, "-p", Integer.toString(port), "--dbnum",
                Integer.toString(database), "-t", "lpush", "-q", "-n", Integer.toString(requests), "-d",
                Integer.toString(payloadBytes));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("redis-benchmark did not finish in 30 s");
        }
        // -q rewrites its progress line with \r; the last segment holds the result.
        String[] segments = output.split("[\r\n]");
        for (int i = segments.length - 1; i >= 0; i--) {
            Matcher matcher = RPS.matcher(segments[i].trim());
            if (matcher.find()) {
                return new Result(String.join(" ", command), Double.parseDouble(matcher.group(1)), matcher.group(2), segments[i].trim());
            }
        }
        throw new IllegalStateException("unexpected redis-benchmark output: " + output);
    }
}
