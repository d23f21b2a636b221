package com.aiagents.platform.worker;

import com.aiagents.platform.common.redis.RedisTls;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.util.JedisURIHelper;

/** The {@code redis:} section: {@code REDIS_URL} ({@code redis://[:password@]host:port/db}) and the pool. */
public class RedisSettings {
    @NotEmpty private String url = "redis://127.0.0.1:6379/0";
    /** Extra connections on top of one per job slot, the dispatcher's blocking BLMOVE and the chores. */
    @Min(1) private int extraConnections = 8;
    /** Socket and pool-borrow timeout; queue.heartbeatTtl must be at least twice it. */
    @Min(100) private int timeoutMillis = 2000;
    /** REDIS_TLS_CA_FILE: the PEM CA a {@code rediss://} Redis's certificate is checked against. */
    private String tlsCaFile;

    @JsonProperty public String getUrl() { return url; }
    @JsonProperty public void setUrl(String v) { url = v; }
    @JsonProperty public int getExtraConnections() { return extraConnections; }
    @JsonProperty public void setExtraConnections(int v) { extraConnections = v; }
    @JsonProperty public int getTimeoutMillis() { return timeoutMillis; }
    @JsonProperty public void setTimeoutMillis(int v) { timeoutMillis = v; }
    @JsonProperty public String getTlsCaFile() { return tlsCaFile; }
    @JsonProperty public void setTlsCaFile(String v) { tlsCaFile = v; }

    /** A pool sized for {@code concurrency} job slots; borrowing waits at most the timeout. */
    @SuppressWarnings("deprecation")
    public JedisPool buildPool(int concurrency) {
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(concurrency + extraConnections + 4);
        pool.setMaxIdle(concurrency + extraConnections + 4);
        pool.setMaxWait(java.time.Duration.ofMillis(timeoutMillis));
        pool.setJmxEnabled(false);
        URI uri = URI.create(url);
        return new JedisPool(pool, JedisURIHelper.getHostAndPort(uri), RedisTls.clientConfig(uri, timeoutMillis, tlsCaFile));
    }

    @Override
    public String toString() {
        return "RedisSettings[url=<redacted>]";
    }
}
