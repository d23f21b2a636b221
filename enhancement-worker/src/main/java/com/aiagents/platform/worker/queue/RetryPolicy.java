package com.aiagents.platform.worker.queue;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for failed attempts: attempt n (0-based) waits
 * {@code min(max, base * 2^n)} scaled by a random factor in [1 - jitter, 1], so tenants whose SDP
 * failed together do not all retry in the same instant. After {@code maxAttempts} attempts the
 * job is dead-lettered.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration base;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public RetryPolicy(int maxAttempts, Duration base, Duration max, double jitter, DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1]");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** Whether a job whose attempt number {@code attempt} (0-based) just failed may be tried again. */
    public boolean mayRetry(int attempt) {
        return attempt + 1 < maxAttempts;
    }

    /** The pause before the attempt after {@code attempt} (0-based). */
    public Duration delayAfter(int attempt) {
        double exponential = base.toMillis() * Math.pow(2, Math.min(30, Math.max(0, attempt)));
        double capped = Math.min(max.toMillis(), exponential);
        double factor = 1.0 - jitter * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }
}
