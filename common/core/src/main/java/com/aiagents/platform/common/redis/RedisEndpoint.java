package com.aiagents.platform.common.redis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Where a service's Redis is, for every service that uses one (docs/queue.md, "Redis topologies"):
 * one node ({@code REDIS_URL}, {@code redis://} or {@code rediss://}), a Redis Cluster
 * ({@code REDIS_CLUSTER_NODES}: seed {@code host:port}s) or a Sentinel-watched primary
 * ({@code REDIS_SENTINEL_MASTER} and {@code REDIS_SENTINELS}). {@code REDIS_URL} always carries the
 * credentials and the scheme (TLS or not, with {@code REDIS_TLS_CA_FILE}); in the other two modes
 * its host is not used. The client
 * is one {@link UnifiedJedis} whatever the mode, so the code using it does not change.
 */
public class RedisEndpoint {
    @NotEmpty
    private String url = "redis://127.0.0.1:6379/0";
    private String clusterNodes = "";
    private String sentinelMaster = "";
    private String sentinels = "";
    /** REDIS_TLS_CA_FILE: the PEM CA a {@code rediss://} Redis's certificate is checked against ({@link RedisTls}). */
    private String tlsCaFile;

    /** Which of the three ways Redis is reached. */
    public enum Mode { SINGLE, CLUSTER, SENTINEL }

    /** Pool size and timeouts, which each service chooses for itself. */
    public record Limits(int maxConnections, Duration connectTimeout, Duration socketTimeout, Duration borrowTimeout) {
    }

    @JsonProperty public String getUrl() { return url; }
    @JsonProperty public void setUrl(String v) { url = v; }
    @JsonProperty public String getClusterNodes() { return clusterNodes; }
    @JsonProperty public void setClusterNodes(String v) { clusterNodes = v == null ? "" : v.trim(); }
    @JsonProperty public String getSentinelMaster() { return sentinelMaster; }
    @JsonProperty public void setSentinelMaster(String v) { sentinelMaster = v == null ? "" : v.trim(); }
    @JsonProperty public String getSentinels() { return sentinels; }
    @JsonProperty public void setSentinels(String v) { sentinels = v == null ? "" : v.trim(); }
    @JsonProperty public String getTlsCaFile() { return tlsCaFile; }
    @JsonProperty public void setTlsCaFile(String v) { tlsCaFile = v; }

    @JsonIgnore
    public Mode mode() {
        if (!clusterNodes.isEmpty()) {
            return Mode.CLUSTER;
        }
        return sentinelMaster.isEmpty() ? Mode.SINGLE : Mode.SENTINEL;
    }

    @JsonIgnore
    @AssertTrue(message = "give either REDIS_CLUSTER_NODES or REDIS_SENTINEL_MASTER with REDIS_SENTINELS, not both;"
            + " each a comma-separated list of host:port; a cluster has only database 0")
    public boolean isTopologyValid() {
        try {
            URI uri = URI.create(url);
            if (!JedisURIHelper.isValid(uri)) {
                return false;
            }
            if (!clusterNodes.isEmpty()) {
                return sentinelMaster.isEmpty() && sentinels.isEmpty() && !hostsOf(clusterNodes).isEmpty()
                        && JedisURIHelper.getDBIndex(uri) == 0;
            }
            return sentinelMaster.isEmpty() == sentinels.isEmpty() && (sentinels.isEmpty() || !hostsOf(sentinels).isEmpty());
        } catch (RuntimeException malformed) { // a bad URI or host:port
            return false;
        }
    }

    /** A client for this endpoint with a pool of {@code limits.maxConnections()} per Redis node. */
    public UnifiedJedis open(Limits limits) {
        URI uri = URI.create(url);
        JedisClientConfig client = RedisTls.apply(clientConfig(limits)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri)), uri, tlsCaFile)
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(limits.maxConnections());
        pool.setMaxIdle(limits.maxConnections());
        pool.setMaxWait(limits.borrowTimeout());
        // A connection broken by a Redis restart or failover is noticed on use and discarded.
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        return switch (mode()) {
            case SINGLE -> RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri))
                    .clientConfig(client).poolConfig(pool).build();
            case CLUSTER -> RedisClusterClient.builder().nodes(hostsOf(clusterNodes))
                    .clientConfig(client).poolConfig(pool).build();
            case SENTINEL -> RedisSentinelClient.builder().masterName(sentinelMaster).sentinels(hostsOf(sentinels))
                    .clientConfig(client).poolConfig(pool)
                    // sentinels are asked only where the primary is: same scheme, no database
                    .sentinelClientConfig(RedisTls.apply(clientConfig(limits), uri, tlsCaFile).build())
                    .build();
        };
    }

    private static DefaultJedisClientConfig.Builder clientConfig(Limits limits) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(limits.connectTimeout().toMillis()))
                .socketTimeoutMillis(Math.toIntExact(limits.socketTimeout().toMillis()))
                // the pools speak RESP2; saying so avoids a warning on every new connection
                .protocol(RedisProtocol.RESP2);
    }

    static Set<HostAndPort> hostsOf(String list) {
        Set<HostAndPort> hosts = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String hostPort = part.trim();
            if (!hostPort.isEmpty()) {
                hosts.add(HostAndPort.from(hostPort));
            }
        }
        return hosts;
    }

    @Override
    public String toString() {
        // REDIS_URL may carry a password
        return getClass().getSimpleName() + "[mode=" + mode() + "]";
    }
}
