package com.aiagents.platform.testing;

import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.params.SetParams;

/**
 * A private Redis database index for one test class on the machine's Redis (127.0.0.1:6379, or
 * TEST_REDIS_HOST/PORT), claimed with a key in DB 0 so concurrent builds never share an index;
 * falls back to a private embedded server. {@link #close()} flushes only the claimed index.
 */
public final class TestRedis implements AutoCloseable {
    private static final String CLAIM_PREFIX = "aiagents-test:redis-db-claim:";
    private static final int CLAIM_SECONDS = 3600;

    private final String host;
    private final int port;
    private final int database;
    private final String claimToken;
    private final RedisProcess privateServer;

    private TestRedis(String host, int port, int database, String claimToken, RedisProcess privateServer) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.claimToken = claimToken;
        this.privateServer = privateServer;
    }

    public static TestRedis claim() {
        String host = env("TEST_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TEST_REDIS_PORT", "6379"));
        String token = UUID.randomUUID().toString();
        try (Jedis jedis = jedisTo(host, port)) {
            jedis.ping();
            for (int db = 1; db < 16; db++) {
                if ("OK".equals(jedis.set(CLAIM_PREFIX + db, token, SetParams.setParams().nx().ex(CLAIM_SECONDS)))) {
                    TestRedis redis = new TestRedis(host, port, db, token, null);
                    redis.flush();
                    return redis;
                }
            }
            // Every index is claimed (other builds, or claims left by killed test JVMs until their
            // TTL): a private server keeps this run isolated instead of failing it.
            System.getLogger(TestRedis.class.getName()).log(System.Logger.Level.WARNING,
                    "all Redis database indexes 1..15 are claimed by other test runs; starting a private server");
            return onPrivateServer();
        } catch (redis.clients.jedis.exceptions.JedisConnectionException unreachable) {
            return onPrivateServer();
        }
    }

    /** A Redis of this test's own, which the test may stop and restart (e.g. to test outages). */
    public static TestRedis onPrivateServer() {
        RedisProcess process = RedisProcess.start();
        return new TestRedis("127.0.0.1", process.port(), 0, null, process);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int database() {
        return database;
    }

    /** {@code redis://host:port/db}, the form REDIS_URL takes. */
    public String url() {
        return "redis://" + host + ":" + port + "/" + database;
    }

    public Jedis connect() {
        Jedis jedis = jedisTo(host, port);
        jedis.select(database);
        return jedis;
    }

    /** Says RESP2 up front: Jedis otherwise warns on every connection that it cannot negotiate RESP3. */
    private static Jedis jedisTo(String host, int port) {
        return new Jedis(new HostAndPort(host, port),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).protocol(RedisProtocol.RESP2).build());
    }

    /** The private server, for tests that stop Redis; null when on the machine's shared server. */
    public RedisProcess privateServer() {
        return privateServer;
    }

    public void flush() {
        try (Jedis jedis = connect()) {
            jedis.flushDB();
        }
    }

    @Override
    public void close() {
        if (privateServer != null) {
            privateServer.stop();
            return;
        }
        flush();
        try (Jedis jedis = jedisTo(host, port)) {
            if (claimToken.equals(jedis.get(CLAIM_PREFIX + database))) {
                jedis.del(CLAIM_PREFIX + database);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
