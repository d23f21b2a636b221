package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;

/**
 * Every Redis key of the reliable queue. The ingress list, the per-tenant lists and the dead list
 * are the contract's names (docs/queue.md); the auxiliary keys sit under names that
 * {@link TenantId#RESERVED} keeps away from tenants, so none can collide with a tenant's list.
 */
public final class QueueKeys {
    /** Prefix of a tenant's list: {@code enhancement_queue:<tenant_id>}. */
    public static final String TENANT_PREFIX = QueueNames.INGRESS + ":";
    /** Tenants with work, scored by when they were last served (round robin: lowest first). */
    public static final String RING = QueueNames.INGRESS + ":tenants";
    /** Every tenant whose list may hold jobs (for depth gauges and self-repair). */
    public static final String KNOWN = QueueNames.INGRESS + ":tenants:known";
    /** Premium tenants (kept by the worker from the registry): their in-flight cap is weighted up. */
    public static final String PREMIUM = QueueNames.INGRESS + ":tenants:premium";
    /** Sequence that scores the ring. */
    public static final String SERVE_SEQUENCE = QueueNames.INGRESS + ":tenants:seq";
    /** Jobs in flight per tenant (hash tenant to count), for the per-tenant cap. */
    public static final String INFLIGHT = QueueNames.INGRESS + ":inflight";
    /** Retries waiting for their due time (zset scored by epoch milliseconds). */
    public static final String DELAYED = QueueNames.INGRESS + ":delayed";
    /** Ids of live workers. */
    public static final String WORKERS = QueueNames.INGRESS + ":workers";
    /** Counter of claims: each claim's token, increasing, fences the note's recording. */
    public static final String CLAIM_TOKENS = QueueNames.INGRESS + ":workers:claims";
    public static final String PROCESSING_PREFIX = QueueNames.INGRESS + ":processing:";
    public static final String HEARTBEAT_PREFIX = QueueNames.INGRESS + ":heartbeat:";
    public static final String STAGING_PREFIX = QueueNames.INGRESS + ":dispatch:";

    private QueueKeys() {
    }

    public static String processing(String workerId) {
        return PROCESSING_PREFIX + workerId;
    }

    /** A tenant's list: {@code enhancement_queue:<tenant_id>}. */
    public static String tenant(String tenantId) {
        return TENANT_PREFIX + tenantId;
    }

    public static String heartbeat(String workerId) {
        return HEARTBEAT_PREFIX + workerId;
    }

    public static String staging(String workerId) {
        return STAGING_PREFIX + workerId;
    }
}
