package com.aiagents.platform.worker.queue;

/** What became of one attempt at a job; the consumer turns it into ack, retry or dead letter. */
public sealed interface JobOutcome {

    /** Finished (posted, already posted, or nothing to do): acknowledge. {@code label} names it for metrics. */
    record Done(String label) implements JobOutcome {
    }

    /** A failure that may go away (SDP down, rate limited, database or registry unreachable). */
    record Retry(String reason) implements JobOutcome {
    }

    /**
     * Not now, and not a failure: look again after {@code delay} without counting an attempt (another
     * claim's posting lease has not run out, the ticket's note budget for the hour is spent).
     */
    record Later(String reason, java.time.Duration delay) implements JobOutcome {
    }

    /** A failure no retry fixes (unknown tenant, ticket not found, bad credentials, unreadable job). */
    record Dead(String reason) implements JobOutcome {
    }

    static Done done(String label) {
        return new Done(label);
    }

    static Retry retry(String reason) {
        return new Retry(reason);
    }

    static Later later(String reason, java.time.Duration delay) {
        return new Later(reason, delay);
    }

    static Dead dead(String reason) {
        return new Dead(reason);
    }
}
