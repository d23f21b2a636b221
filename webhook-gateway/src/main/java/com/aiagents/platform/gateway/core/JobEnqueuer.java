package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.TenantId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Puts a job on its queue unless the same delivery (same tenant, same body bytes) was enqueued
 * within the dedup window, in one Lua script: a crash or a lost connection leaves either both the
 * job and its dedup key or neither, never a dedup key without a job.
 */
// JedisPool is deprecated in Jedis 8 in favour of RedisClient; it is what the platform shares
// (common-core's RedisHealthCheck takes one), so the suppression is deliberate.
@SuppressWarnings("deprecation")
public final class JobEnqueuer {
    private static final RedisScript SCRIPT = RedisScript.fromResource("dedup_enqueue.lua");

    private final JedisPool pool;
    private final ObjectMapper mapper;
    private final long dedupWindowMillis;

    public JobEnqueuer(JedisPool pool, ObjectMapper mapper, Duration dedupWindow) {
        this.pool = pool;
        this.mapper = mapper;
        this.dedupWindowMillis = dedupWindow.toMillis();
    }

    /** The job id a delivery is answered with, and whether it was already there. */
    public record Enqueued(String jobId, boolean duplicate) {
    }

    public static String dedupKey(TenantId tenant, String bodySha256) {
        return "webhook_dedup:" + tenant.value() + ":" + bodySha256;
    }

    /** @throws redis.clients.jedis.exceptions.JedisException when Redis cannot confirm the write */
    public Enqueued enqueue(String queue, String bodySha256, EnhancementJob job) {
        String json;
        try {
            json = mapper.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EnhancementJob always serializes", e);
        }
        List<?> reply;
        try (Jedis jedis = pool.getResource()) {
            reply = (List<?>) SCRIPT.run(jedis,
                    List.of(dedupKey(TenantId.of(job.tenantId()), bodySha256), queue),
                    List.of(json, job.jobId(), Long.toString(dedupWindowMillis)));
        }
        return new Enqueued((String) reply.get(1), ((Long) reply.get(0)) == 0L);
    }
}
