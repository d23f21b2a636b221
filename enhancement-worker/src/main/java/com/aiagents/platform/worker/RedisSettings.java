package com.aiagents.platform.worker;

import com.aiagents.platform.common.redis.RedisEndpoint;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@code redis:} section: where Redis is ({@code REDIS_URL}, or a cluster's seeds, or Sentinel:
 * {@link RedisEndpoint}) and the pool.
 */
public class RedisSettings extends RedisEndpoint {
    /** Extra connections on top of one per job slot, the dispatcher's blocking BLMOVE and the chores. */
    @Min(1) private int extraConnections = 8;
    /** Socket and pool-borrow timeout; queue.heartbeatTtl must be at least twice it. */
    @Min(100) private int timeoutMillis = 2000;

    @JsonProperty public int getExtraConnections() { return extraConnections; }
    @JsonProperty public void setExtraConnections(int v) { extraConnections = v; }
    @JsonProperty public int getTimeoutMillis() { return timeoutMillis; }
    @JsonProperty public void setTimeoutMillis(int v) { timeoutMillis = v; }

    /** A client with a pool (per Redis node) sized for {@code concurrency} job slots; borrowing waits at most the timeout. */
    public UnifiedJedis open(int concurrency) {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        return open(new Limits(concurrency + extraConnections + 4, timeout, timeout, timeout));
    }
}
