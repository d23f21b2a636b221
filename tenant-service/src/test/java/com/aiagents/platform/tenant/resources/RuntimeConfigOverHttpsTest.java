package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantServiceClient;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.aiagents.platform.common.tls.TrustedCa;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.TestCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime configuration (decrypted SDP credentials) fetched by the worker's and gateway's
 * tenant-service client over HTTPS: tenant-service's application connector switched to https with a
 * certificate from a CA this test makes, the client given that CA as PLATFORM_TLS_CA_FILE.
 */
class RuntimeConfigOverHttpsTest {
    private static final String KEY_STORE_PASSWORD = "test-keystore-password";
    private static final Path FILES = tempDirectory();
    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("platform test service CA");
    private static final Path CA_FILE = CA.writeCertificate(FILES.resolve("ca.pem"));
    private static final Path OTHER_CA_FILE = TestCertificateAuthority.create("some other CA")
            .writeCertificate(FILES.resolve("other-ca.pem"));

    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension("https://hooks.msp.example")
            .overHttps(CA.issue("localhost").writeKeyStore(FILES.resolve("tenant-service.p12"), KEY_STORE_PASSWORD)
                    .toString(), KEY_STORE_PASSWORD);

    private static String tenant;
    private static String apiKey;

    @BeforeAll
    static void aTenant() {
        tenant = "https-" + UUID.randomUUID().toString().substring(0, 8);
        apiKey = "SDP-TECH-KEY-" + UUID.randomUUID();
        JsonHttp https = new JsonHttp(SERVICE.baseUrl(), TrustedCa.sslContext(CA_FILE.toString()));
        assertThat(https.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(tenant, apiKey)).status())
                .isEqualTo(201);
    }

    @Test
    void theWorkersClientFetchesTheCredentialsOverHttpsTrustingThePlatformCa() {
        assertThat(SERVICE.baseUrl()).startsWith("https://");
        try (TenantServiceClient client = new TenantServiceClient(config(SERVICE.baseUrl(), CA_FILE))) {
            Optional<TenantRuntimeConfig> config = client.fetch(TenantId.of(tenant));
            assertThat(config).isPresent();
            assertThat(config.get().servicedesk().credentials().apiKey()).isEqualTo(apiKey);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        try (TenantServiceClient client = new TenantServiceClient(config(SERVICE.baseUrl(), OTHER_CA_FILE))) {
            assertThatThrownBy(() -> client.fetch(TenantId.of(tenant)))
                    .isInstanceOf(TenantDirectoryUnavailableException.class)
                    .hasMessageContaining("SSLHandshakeException")
                    .hasMessageNotContaining(apiKey);
        }
    }

    @Test
    void aCaFileWithAPlainHttpUrlIsAConfigurationError() {
        String plain = SERVICE.baseUrl().replace("https://", "http://");
        assertThatThrownBy(() -> new TenantServiceClient(config(plain, CA_FILE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLATFORM_TLS_CA_FILE").hasMessageContaining("https://");
    }

    private static TenantServiceClientConfig config(String url, Path caFile) {
        TenantServiceClientConfig config = new TenantServiceClientConfig();
        config.setUrl(url);
        config.setServiceToken(WORKER_TOKEN);
        config.setTlsCaFile(caFile.toString());
        return config;
    }

    private static Path tempDirectory() {
        try {
            Path directory = Files.createTempDirectory("runtime-config-https");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
