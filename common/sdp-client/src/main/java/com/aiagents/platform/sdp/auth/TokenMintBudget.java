package com.aiagents.platform.sdp.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Zoho lets one refresh token mint only a few access tokens per window (10 per 10 minutes) and
 * then locks it out for a while; this sliding-window budget keeps us under that limit even when
 * SDP keeps rejecting fresh tokens.
 */
public final class TokenMintBudget {

    private final int maxMints;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentMints = new ArrayDeque<>();

    public TokenMintBudget(int maxMints, Duration window, Clock clock) {
        this.maxMints = maxMints;
        this.window = window;
        this.clock = clock;
    }

    /** Records a mint and returns true if the budget allows one now. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        forgetBefore(now.minus(window));
        if (recentMints.size() >= maxMints) {
            return false;
        }
        recentMints.addLast(now);
        return true;
    }

    /** How long until {@link #tryAcquire()} can succeed again (zero if it can now). */
    public synchronized Duration untilNextSlot() {
        Instant now = clock.instant();
        forgetBefore(now.minus(window));
        if (recentMints.size() < maxMints) {
            return Duration.ZERO;
        }
        return Duration.between(now, recentMints.peekFirst().plus(window));
    }

    private void forgetBefore(Instant cutoff) {
        while (!recentMints.isEmpty() && !recentMints.peekFirst().isAfter(cutoff)) {
            recentMints.removeFirst();
        }
    }
}
