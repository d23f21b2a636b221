package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.QueueNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** How many jobs wait where: ingress, dead, delayed, in flight, and each known tenant's list. */
public final class QueueDepths {
    private final UnifiedJedis redis;

    public QueueDepths(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * @param ingress   not yet dispatched ({@code LLEN enhancement_queue})
     * @param perTenant queued per tenant, in tenant order (tenants with an empty list included)
     */
    public record Snapshot(long ingress, long dead, long delayed, long inFlight, Map<String, Long> perTenant) {
        /** Everything waiting to be worked on: ingress plus the tenants' lists plus due-later retries. */
        public long totalQueued() {
            return ingress + delayed + perTenant.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every tenant whose list may hold jobs, sorted. */
    public List<String> knownTenants() {
        return redis.smembers(QueueKeys.KNOWN).stream().sorted().toList();
    }

    public Snapshot snapshot() {
        List<String> tenants = new ArrayList<>(redis.smembers(QueueKeys.KNOWN));
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Response<Long> ingress = pipeline.llen(QueueNames.INGRESS);
            Response<Long> dead = pipeline.llen(QueueNames.DEAD);
            Response<Long> delayed = pipeline.zcard(QueueKeys.DELAYED);
            Response<Map<String, String>> inflight = pipeline.hgetAll(QueueKeys.INFLIGHT);
            List<Response<Long>> lengths = new ArrayList<>();
            for (String tenant : tenants) {
                lengths.add(pipeline.llen(QueueKeys.TENANT_PREFIX + tenant));
            }
            pipeline.sync();
            Map<String, Long> perTenant = new TreeMap<>();
            for (int i = 0; i < tenants.size(); i++) {
                perTenant.put(tenants.get(i), lengths.get(i).get());
            }
            long inFlight = inflight.get().values().stream().mapToLong(Long::parseLong).sum();
            return new Snapshot(ingress.get(), dead.get(), delayed.get(), inFlight, perTenant);
        }
    }
}
