package com.aiagents.platform.gateway.core;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.time.Duration;

/**
 * The optional {@code WAIT numreplicas timeout} after the admission script, before the 202
 * (docs/queue.md, "Replica acknowledgement"): a job acknowledged to SDP with a 202 is then also on
 * that many replicas, so a failover to one of them keeps it. When they do not confirm in time the
 * delivery is answered 503 ({@link Unconfirmed}): the job is queued on the primary and most likely
 * worked on, but the gateway does not promise it; a retry of the delivery is deduplicated to the
 * same job. {@code webhook_replica_wait_total{result}} counts both. Best effort as Redis documents
 * WAIT: it does not make Redis strongly consistent (see docs/queue.md for what it cannot promise).
 */
public final class ReplicaWait {
    private final int replicas;
    private final long timeoutMillis;
    private final Counter waits;

    public ReplicaWait(int replicas, Duration timeout, CollectorRegistry registry) {
        if (replicas < 1 || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("a replica wait needs at least one replica and a timeout of 1 ms or more");
        }
        this.replicas = replicas;
        this.timeoutMillis = timeout.toMillis();
        this.waits = Counter.build()
                .name("webhook_replica_wait_total")
                .help("Admissions that waited for replicas: acknowledged by enough in time, or short.")
                .labelNames("result")
                .register(registry);
    }

    int replicas() {
        return replicas;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Counts the outcome; true when enough replicas acknowledged. */
    boolean record(long acknowledged) {
        boolean enough = acknowledged >= replicas;
        waits.labels(enough ? "acknowledged" : "short").inc();
        return enough;
    }

    /** A job Redis queued whose replicas did not confirm it within the wait. */
    public static final class Unconfirmed extends RuntimeException {
        public Unconfirmed() {
            super("the replicas did not confirm the job in time", null, false, false);
        }
    }
}
