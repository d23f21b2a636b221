package com.aiagents.platform.worker.queue;

/** What became of one attempt at a job; the consumer turns it into ack, retry or dead letter. */
public sealed interface JobOutcome {

    /** Finished (posted, already posted, or nothing to do): acknowledge. {@code label} names it for metrics. */
    record Done(String label) implements JobOutcome {
    }

    /** A failure that may go away (SDP down, rate limited, database or registry unreachable). */
    record Retry(String reason) implements JobOutcome {
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

    static Dead dead(String reason) {
        return new Dead(reason);
    }
}
