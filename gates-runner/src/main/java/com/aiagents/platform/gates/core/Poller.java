package com.aiagents.platform.gates.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks an external system (the database, SDP) again and again until it shows what gate 3 waits
 * for or the deadline passes. There is nothing to subscribe to in SDP or in the worker's history
 * table, so pausing between looks is the honest way; the pause is short and bounded by the deadline.
 */
public final class Poller {
    private final Clock clock;
    private final Duration interval;

    public Poller(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** The first non-empty answer of {@code look}, or empty when {@code deadline} passed first. */
    public <T> Optional<T> until(Instant deadline, Supplier<Optional<T>> look) throws InterruptedException {
        while (true) {
            Optional<T> found = look.get();
            if (found.isPresent()) {
                return found;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            Duration pause = left.compareTo(interval) < 0 ? left : interval;
            Thread.sleep(pause.toMillis()); // production polling of an external system, bounded by the deadline
        }
    }
}
