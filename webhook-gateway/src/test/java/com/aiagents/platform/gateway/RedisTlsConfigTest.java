package com.aiagents.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.testing.TestCertificateAuthority;
import com.aiagents.platform.testing.TlsRedis;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The gateway's own pool over REDIS_URL rediss:// with REDIS_TLS_CA_FILE (it builds its client itself). */
class RedisTlsConfigTest {
    @Test
    void thePoolTrustsTheConfiguredCaOnly(@TempDir Path files) {
        TestCertificateAuthority ca = TestCertificateAuthority.create("gateway test redis CA");
        try (TlsRedis redis = TlsRedis.start(ca.issue("localhost"))) {
            RedisConfig config = new RedisConfig();
            config.setUrl(redis.url("localhost"));
            config.setTlsCaFile(ca.writeCertificate(files.resolve("ca.pem")).toString());
            try (UnifiedJedis client = config.open()) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
            config.setTlsCaFile(TestCertificateAuthority.create("another CA")
                    .writeCertificate(files.resolve("other.pem")).toString());
            try (UnifiedJedis client = config.open()) {
                assertThatThrownBy(client::ping).isInstanceOf(JedisConnectionException.class)
                        .hasStackTraceContaining("PKIX path");
            }
        }
    }
}
