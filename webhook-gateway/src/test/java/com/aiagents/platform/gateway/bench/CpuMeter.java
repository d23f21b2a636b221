package com.aiagents.platform.gateway.bench;

import com.aiagents.platform.testing.TestRedis;
import java.lang.management.ManagementFactory;
import redis.clients.jedis.Jedis;

/**
 * CPU time spent by this JVM (the gateway and the load generator, which run in one process) and
 * by redis-server. Throughput on 2 shared cores is bounded by CPU per request, so CPU time per
 * request explains a throughput ratio, and is far less disturbed by other processes than
 * requests per second.
 */
final class CpuMeter {
    private final TestRedis redis;

    CpuMeter(TestRedis redis) {
        this.redis = redis;
    }

    record Sample(long jvmNanos, long redisNanos) {
        Sample minus(Sample earlier) {
            return new Sample(jvmNanos - earlier.jvmNanos, redisNanos - earlier.redisNanos);
        }

        Sample plus(Sample other) {
            return new Sample(jvmNanos + other.jvmNanos, redisNanos + other.redisNanos);
        }
    }

    Sample sample() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Sample(jvm, redisCpuNanos());
    }

    /** {@code used_cpu_user} + {@code used_cpu_sys} of the whole redis-server (main thread and helpers). */
    private long redisCpuNanos() {
        try (Jedis jedis = redis.connect()) {
            double seconds = 0;
            for (String line : jedis.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return (long) (seconds * 1e9);
        }
    }
}
