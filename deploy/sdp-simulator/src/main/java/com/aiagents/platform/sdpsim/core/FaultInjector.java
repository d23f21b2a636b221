package com.aiagents.platform.sdpsim.core;

import java.util.Random;

/**
 * Decides, call by call, which configured fault an API call meets. Checked in two steps because
 * a real outage or a dead key hits before authentication, while throttling and errors come after.
 * Synchronized so the rate-limit countdown and the seeded draws stay exact under concurrency
 * (with a seed, a given sequence of calls meets the same faults every run).
 */
public final class FaultInjector {

    /** What happens to one API call. */
    public enum Fault { NONE, DOWN, INVALID_KEY, RATE_LIMITED, SERVER_ERROR }

    private Faults faults;
    private int burstRemaining;
    private int unavailableRemaining;
    private Random random;

    public FaultInjector(Faults faults) {
        apply(faults, true);
    }

    /**
     * Replaces the faults and restarts the 429 and 503 countdowns.
     *
     * @param reseed restart the error-rate draws from the seed (when one is set)
     */
    public synchronized void apply(Faults newFaults, boolean reseed) {
        faults = newFaults;
        burstRemaining = newFaults.rateLimitBurst();
        unavailableRemaining = newFaults.unavailableBurst();
        if (reseed || random == null) {
            random = newFaults.seed() == null ? new Random() : new Random(newFaults.seed());
        }
    }

    /** The faults now in force, with the 429s and 503s still to come as {@code rateLimitBurst}, {@code unavailableBurst}. */
    public synchronized Faults current() {
        return new Faults(faults.latencyMs(), faults.errorRate(), burstRemaining, faults.retryAfterSeconds(),
                faults.down(), unavailableRemaining, faults.invalidKey(), faults.seed());
    }

    public synchronized int latencyMs() {
        return faults.latencyMs();
    }

    public synchronized int retryAfterSeconds() {
        return faults.retryAfterSeconds();
    }

    /** Faults that strike before the credentials are looked at; each call consumes one 503 of the outage burst. */
    public synchronized Fault beforeAuthentication() {
        if (faults.down()) {
            return Fault.DOWN;
        }
        if (unavailableRemaining > 0) {
            unavailableRemaining--;
            return Fault.DOWN;
        }
        return faults.invalidKey() ? Fault.INVALID_KEY : Fault.NONE;
    }

    /** Faults that strike an authenticated call; each call consumes one 429 of the burst. */
    public synchronized Fault afterAuthentication() {
        if (burstRemaining > 0) {
            burstRemaining--;
            return Fault.RATE_LIMITED;
        }
        if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
            return Fault.SERVER_ERROR;
        }
        return Fault.NONE;
    }
}
