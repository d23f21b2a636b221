package com.aiagents.platform.gateway;

import com.aiagents.platform.common.redis.RedisTls;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The {@code redis:} section: {@code url} is {@code redis://[user:password@]host:port/db} (REDIS_URL).
 * Timeouts are short because a webhook waits on Redis: better a quick 503 that SDP retries than a
 * request hanging until SDP gives up.
 */
// JedisPool is deprecated in Jedis 8 in favour of RedisClient; it is what the platform shares
// (common-core's RedisHealthCheck takes one), so the suppression is deliberate.
@SuppressWarnings("deprecation")
public class RedisConfig {
    @NotEmpty
    private String url = "redis://127.0.0.1:6379/0";
    @Min(1)
    private int maxConnections = 64;
    /** REDIS_TLS_CA_FILE: the PEM CA a {@code rediss://} Redis's certificate is checked against. */
    private String tlsCaFile;
    @NotNull
    private Duration connectTimeout = Duration.milliseconds(500);
    @NotNull
    private Duration commandTimeout = Duration.seconds(1);
    @NotNull
    private Duration borrowTimeout = Duration.milliseconds(500);

    @JsonProperty public String getUrl() { return url; }
    @JsonProperty public void setUrl(String url) { this.url = url; }
    @JsonProperty public int getMaxConnections() { return maxConnections; }
    @JsonProperty public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }
    @JsonProperty public String getTlsCaFile() { return tlsCaFile; }
    @JsonProperty public void setTlsCaFile(String tlsCaFile) { this.tlsCaFile = tlsCaFile; }
    @JsonProperty public Duration getConnectTimeout() { return connectTimeout; }
    @JsonProperty public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    @JsonProperty public Duration getCommandTimeout() { return commandTimeout; }
    @JsonProperty public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
    @JsonProperty public Duration getBorrowTimeout() { return borrowTimeout; }
    @JsonProperty public void setBorrowTimeout(Duration borrowTimeout) { this.borrowTimeout = borrowTimeout; }

    public JedisPool buildPool() {
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMaxWait(borrowTimeout.toJavaDuration());
        // A connection broken by a Redis restart is noticed on use (JedisConnectionException → 503)
        // and discarded; the next request gets a fresh one.
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        URI uri = URI.create(url);
        DefaultJedisClientConfig client = RedisTls.apply(DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMilliseconds())
                .socketTimeoutMillis((int) commandTimeout.toMilliseconds())
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                // Jedis' pool speaks RESP2; saying so avoids a warning on every new connection.
                .protocol(RedisProtocol.RESP2), uri, tlsCaFile)
                .build();
        return new JedisPool(pool, JedisURIHelper.getHostAndPort(uri), client);
    }

    @Override
    public String toString() {
        // REDIS_URL may carry a password.
        return "RedisConfig[url=" + URI.create(url).getHost() + ", maxConnections=" + maxConnections + "]";
    }
}
