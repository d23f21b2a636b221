package com.aiagents.platform.gateway;

import com.aiagents.platform.common.redis.RedisEndpoint;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@code redis:} section: where Redis is ({@code REDIS_URL}, a cluster's seeds or Sentinel:
 * {@link RedisEndpoint}), the pool, and the optional wait for replicas before a 202. Timeouts are
 * short because a webhook waits on Redis: better a quick 503 that SDP retries than a request
 * hanging until SDP gives up.
 */
public class RedisConfig extends RedisEndpoint {
    @Min(1)
    private int maxConnections = 64;
    @NotNull
    private Duration connectTimeout = Duration.milliseconds(500);
    @NotNull
    private Duration commandTimeout = Duration.seconds(1);
    @NotNull
    private Duration borrowTimeout = Duration.milliseconds(500);
    /** Replicas that must acknowledge an admitted job before the 202 (REDIS_WAIT_REPLICAS); 0: no wait. */
    @Min(0)
    @Max(16)
    private int waitReplicas = 0;
    /** How long the wait may take (REDIS_WAIT_TIMEOUT); a 202 follows anyway, counted as unacknowledged. */
    @NotNull
    private Duration waitTimeout = Duration.milliseconds(100);

    @JsonProperty public int getMaxConnections() { return maxConnections; }
    @JsonProperty public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }
    @JsonProperty public Duration getConnectTimeout() { return connectTimeout; }
    @JsonProperty public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    @JsonProperty public Duration getCommandTimeout() { return commandTimeout; }
    @JsonProperty public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
    @JsonProperty public Duration getBorrowTimeout() { return borrowTimeout; }
    @JsonProperty public void setBorrowTimeout(Duration borrowTimeout) { this.borrowTimeout = borrowTimeout; }
    @JsonProperty public int getWaitReplicas() { return waitReplicas; }
    @JsonProperty public void setWaitReplicas(int waitReplicas) { this.waitReplicas = waitReplicas; }
    @JsonProperty public Duration getWaitTimeout() { return waitTimeout; }
    @JsonProperty public void setWaitTimeout(Duration waitTimeout) { this.waitTimeout = waitTimeout; }

    /**
     * WAIT blocks the connection for up to its timeout, so that must leave room inside the command
     * timeout (else the socket times out first and a job Redis took is answered 503).
     */
    @JsonIgnore
    @AssertTrue(message = "redis.waitTimeout (REDIS_WAIT_TIMEOUT) must be at least 1 ms and at most half of redis.commandTimeout")
    public boolean isWaitTimeoutValid() {
        return waitReplicas == 0 || (waitTimeout.toMilliseconds() >= 1
                && waitTimeout.toMilliseconds() * 2 <= commandTimeout.toMilliseconds());
    }

    public UnifiedJedis open() {
        return open(new Limits(maxConnections, connectTimeout.toJavaDuration(), commandTimeout.toJavaDuration(),
                borrowTimeout.toJavaDuration()));
    }
}
