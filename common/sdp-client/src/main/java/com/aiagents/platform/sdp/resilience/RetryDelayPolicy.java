package com.aiagents.platform.sdp.resilience;

import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The pause before a retry: SDP's {@code Retry-After} when it sent one (capped, so a confused
 * server cannot park a worker thread for an hour), otherwise exponential backoff with jitter so
 * that many tenants' retries do not arrive in step.
 */
public final class RetryDelayPolicy implements IntervalBiFunction<Object> {

    private final Duration initialBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Duration maxRetryAfterWait;
    private final DoubleSupplier random;

    public RetryDelayPolicy(SdpClientConfig config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform in [0, 1) */
    public RetryDelayPolicy(SdpClientConfig config, DoubleSupplier random) {
        this.initialBackoff = config.initialBackoff();
        this.multiplier = config.backoffMultiplier();
        this.jitter = config.backoffJitter();
        this.maxBackoff = config.maxBackoff();
        this.maxRetryAfterWait = config.maxRetryAfterWait();
        this.random = random;
    }

    /** @param attempt 1 before the first retry, 2 before the second... */
    @Override
    public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
        if (outcome != null && outcome.isLeft() && outcome.getLeft() instanceof SdpException) {
            SdpException failure = (SdpException) outcome.getLeft();
            if (failure.retryAfter().isPresent()) {
                Duration asked = failure.retryAfter().get();
                return (asked.compareTo(maxRetryAfterWait) < 0 ? asked : maxRetryAfterWait).toMillis();
            }
        }
        return backoffMillis(attempt);
    }

    long backoffMillis(int attempt) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        return Math.max(0, Math.min(Math.round(capped + spread), maxBackoff.toMillis()));
    }
}
