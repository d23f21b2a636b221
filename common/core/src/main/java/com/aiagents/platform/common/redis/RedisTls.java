package com.aiagents.platform.common.redis;

import com.aiagents.platform.common.tls.TrustedCa;
import java.net.URI;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * TLS for a {@code rediss://} REDIS_URL. Jedis turns TLS on for that scheme but, left alone, neither
 * checks the host name against the certificate nor trusts anything but the JVM's default CAs: here
 * the host name is always checked, and {@code REDIS_TLS_CA_FILE} (a PEM file) names the CA that
 * issued the Redis server's certificate (a managed Redis's, or the cluster's own).
 */
public final class RedisTls {
    private RedisTls() {
    }

    /**
     * What {@code new JedisPool(poolConfig, uri, timeout)} would connect with (user, password,
     * database and protocol from the URL, one timeout for connect and commands), plus {@link #apply}.
     */
    public static DefaultJedisClientConfig clientConfig(URI uri, int timeoutMillis, String caFile) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .protocol(JedisURIHelper.getRedisProtocol(uri));
        return apply(client, uri, caFile).build();
    }

    /**
     * Adds TLS to {@code client} when {@code uri} is {@code rediss://}: host-name verification, and
     * trust in {@code caFile} only when given (else the JVM's default trust store).
     *
     * @throws IllegalArgumentException if a CA file is given for a plain {@code redis://} URL: the
     *         operator meant TLS and would otherwise silently get none
     */
    public static DefaultJedisClientConfig.Builder apply(DefaultJedisClientConfig.Builder client, URI uri,
            String caFile) {
        boolean tls = JedisURIHelper.isRedisSSLScheme(uri);
        boolean hasCa = caFile != null && !caFile.isBlank();
        if (!tls) {
            if (hasCa) {
                throw new IllegalArgumentException("REDIS_TLS_CA_FILE is set but REDIS_URL is not rediss://");
            }
            return client.ssl(false);
        }
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.ssl(true).sslParameters(parameters);
        if (hasCa) {
            client.sslSocketFactory(TrustedCa.sslContext(caFile.trim()).getSocketFactory());
        }
        return client;
    }
}
