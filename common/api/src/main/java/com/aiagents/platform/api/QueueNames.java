package com.aiagents.platform.api;

/**
 * Redis key names of the enhancement queue (docs/queue.md). The ingress list and the
 * dead-letter list are part of the external contract; runbooks use them with redis-cli.
 */
public final class QueueNames {
    /** Where the gateway enqueues every job. */
    public static final String INGRESS = "enhancement_queue";
    /** Jobs that exhausted their retries, for an operator to list and re-queue. */
    public static final String DEAD = "enhancement_queue:dead";

    private QueueNames() {
    }

    /** A premium tenant's own list, and the worker's per-tenant list for fair scheduling. */
    public static String tenantQueue(TenantId tenantId) {
        return INGRESS + ":" + tenantId.value();
    }
}
