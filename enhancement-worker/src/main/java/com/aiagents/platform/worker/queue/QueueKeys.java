package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;

/**
 * Every Redis key of the reliable queue. The ingress list, the per-tenant lists and the dead list
 * are the documented names (docs/queue.md); the auxiliary keys sit under names that
 * {@link TenantId#RESERVED} keeps away from tenants, so none can collide with a tenant's list.
 * All but the ingress list carry the hash tag {@code {enhancement_queue}}: one Redis Cluster slot,
 * so each script may touch them together (and every one it touches is passed in KEYS).
 */
public final class QueueKeys {
    /** Prefix of a tenant's list: {@code {enhancement_queue}:<tenant_id>}. */
    public static final String TENANT_PREFIX = QueueNames.TAG + ":";
    /** Tenants with work, scored by when they were last served (round robin: lowest first). */
    public static final String RING = QueueNames.TAG + ":tenants";
    /** Every tenant whose list may hold jobs (for depth gauges and self-repair). */
    public static final String KNOWN = QueueNames.TAG + ":tenants:known";
    /** Premium tenants (kept by the worker from the registry): their in-flight cap is weighted up. */
    public static final String PREMIUM = QueueNames.TAG + ":tenants:premium";
    /** Sequence that scores the ring. */
    public static final String SERVE_SEQUENCE = QueueNames.TAG + ":tenants:seq";
    /** Jobs in flight per tenant (hash tenant to count), for the per-tenant cap. */
    public static final String INFLIGHT = QueueNames.TAG + ":inflight";
    /** Retries waiting for their due time (zset scored by epoch milliseconds). */
    public static final String DELAYED = QueueNames.TAG + ":delayed";
    /** Ids of live workers. */
    public static final String WORKERS = QueueNames.TAG + ":workers";
    /** Counter of claims: each claim's token, increasing, fences the note's recording. */
    public static final String CLAIM_TOKENS = QueueNames.TAG + ":workers:claims";
    public static final String PROCESSING_PREFIX = QueueNames.TAG + ":processing:";
    public static final String HEARTBEAT_PREFIX = QueueNames.TAG + ":heartbeat:";
    public static final String STAGING_PREFIX = QueueNames.TAG + ":dispatch:";
    /** Prefix of a tenant's deferred lane, filled and drained by the gateway (docs/queue.md, storms). */
    public static final String DEFERRED_PREFIX = QueueNames.TAG + ":deferred:";

    private QueueKeys() {
    }

    public static String processing(String workerId) {
        return PROCESSING_PREFIX + workerId;
    }

    /** A tenant's list: {@code {enhancement_queue}:<tenant_id>}. */
    public static String tenant(String tenantId) {
        return TENANT_PREFIX + tenantId;
    }

    /** A tenant's deferred lane: {@code {enhancement_queue}:deferred:<tenant_id>} (read-only here). */
    public static String deferred(String tenantId) {
        return DEFERRED_PREFIX + tenantId;
    }

    public static String heartbeat(String workerId) {
        return HEARTBEAT_PREFIX + workerId;
    }

    public static String staging(String workerId) {
        return STAGING_PREFIX + workerId;
    }
}
