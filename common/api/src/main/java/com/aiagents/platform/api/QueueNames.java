package com.aiagents.platform.api;

/**
 * Redis key names of the enhancement queue (docs/queue.md). The ingress list and the
 * dead-letter list are names operators rely on (docs/queue.md); runbooks use them with redis-cli.
 *
 * <p>Every key other than the ingress list is named with the hash tag {@code {enhancement_queue}},
 * which Redis Cluster hashes exactly like {@code enhancement_queue} itself: so every key a queue
 * script touches is in one slot, and the operator's {@code LLEN enhancement_queue} keeps working.
 */
public final class QueueNames {
    /** Where the gateway enqueues every job. */
    public static final String INGRESS = "enhancement_queue";
    /** The hash tag every other queue key starts with. */
    public static final String TAG = "{" + INGRESS + "}";
    /** Jobs that exhausted their retries, for an operator to list and re-queue. */
    public static final String DEAD = TAG + ":dead";
    /**
     * The prefix the queue's keys had before the hash tag ({@code enhancement_queue:dead} ...): the
     * worker moves what is left under it to the tagged names when it starts (docs/queue.md).
     */
    public static final String UNTAGGED_PREFIX = INGRESS + ":";

    private QueueNames() {
    }

    /** A premium tenant's own list, and the worker's per-tenant list for fair scheduling. */
    public static String tenantQueue(TenantId tenantId) {
        return TAG + ":" + tenantId.value();
    }
}
