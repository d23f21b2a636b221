package com.aiagents.platform.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.testing.TestCertificateAuthority;
import com.aiagents.platform.testing.TlsRedis;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * REDIS_URL {@code rediss://} with REDIS_TLS_CA_FILE against a redis-server serving TLS with a
 * certificate for {@code localhost} from a CA this test makes.
 */
@SuppressWarnings("deprecation") // JedisPool: what the services build
class RedisTlsTest {
    private static TlsRedis redis;
    private static Path rightCa;
    private static Path wrongCa;

    @BeforeAll
    static void start(@TempDir Path files) {
        TestCertificateAuthority ca = TestCertificateAuthority.create("platform test redis CA");
        rightCa = ca.writeCertificate(files.resolve("ca.pem"));
        wrongCa = TestCertificateAuthority.create("some other CA").writeCertificate(files.resolve("other-ca.pem"));
        redis = TlsRedis.start(ca.issue("localhost"));
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void connectsOverTlsTrustingTheConfiguredCa() {
        try (JedisPool pool = pool(redis.url("localhost"), rightCa.toString()); Jedis jedis = pool.getResource()) {
            jedis.set("tls-test", "over tls");
            assertThat(jedis.get("tls-test")).isEqualTo("over tls");
        }
    }

    @Test
    void refusesACertificateFromAnotherCa() {
        try (JedisPool pool = pool(redis.url("localhost"), wrongCa.toString())) {
            assertThatThrownBy(pool::getResource).isInstanceOf(JedisConnectionException.class)
                    .hasStackTraceContaining("PKIX path");
        }
    }

    @Test
    void refusesACertificateWithoutATrustedCaFile() {
        // the JVM's default trust store does not know the test CA
        try (JedisPool pool = pool(redis.url("localhost"), null)) {
            assertThatThrownBy(pool::getResource).isInstanceOf(JedisConnectionException.class)
                    .hasStackTraceContaining("PKIX path");
        }
    }

    @Test
    void refusesAServerReachedByANameItsCertificateDoesNotCarry() {
        try (JedisPool pool = pool(redis.url("127.0.0.1"), rightCa.toString())) {
            assertThatThrownBy(pool::getResource).isInstanceOf(JedisConnectionException.class)
                    .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
        }
    }

    @Test
    void aCaFileForAPlainRedisUrlIsAConfigurationError() {
        assertThatThrownBy(() -> RedisTls.clientConfig(URI.create("redis://localhost:6379/0"), 1000, rightCa.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_TLS_CA_FILE").hasMessageContaining("rediss://");
    }

    @Test
    void anUnreadableCaFileIsAConfigurationError() {
        assertThatThrownBy(() -> RedisTls.clientConfig(URI.create(redis.url("localhost")), 1000, "/nonexistent/ca.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nonexistent/ca.pem");
    }

    private static JedisPool pool(String url, String caFile) {
        URI uri = URI.create(url);
        return new JedisPool(new redis.clients.jedis.JedisPoolConfig(), JedisURIHelper.getHostAndPort(uri),
                RedisTls.clientConfig(uri, 2000, caFile));
    }
}
