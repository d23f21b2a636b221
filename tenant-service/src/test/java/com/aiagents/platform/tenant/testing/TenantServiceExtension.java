package com.aiagents.platform.tenant.testing;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.TenantServiceApplication;
import com.aiagents.platform.tenant.TenantServiceConfiguration;
import com.aiagents.platform.testing.TestDatabase;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.awaitility.Awaitility;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real tenant-service on random ports over a private migrated database, for this module's
 * tests and for other services' tests (published in the test-jar). Tokens are fixed test values.
 */
public final class TenantServiceExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789";
    public static final String VIEWER_TOKEN = "test-viewer-token-0123456789";
    /** Each service's own identity, as the services' test YAMLs configure it. */
    public static final String GATEWAY_TOKEN = "test-gateway-token-0123456789";
    public static final String WORKER_TOKEN = "test-worker-token-0123456789";
    public static final String GATES_TOKEN = "test-gates-token-0123456789";
    public static final String PROVISIONING_TOKEN = "test-provisioning-token-0123456789";

    private final String webhookBaseUrl;
    private final String encryptionKey;
    private String tracingEndpoint;
    private boolean allowPrivateNetworks = true;
    private String keyStore;
    private String keyStorePassword;
    private final java.util.List<ConfigOverride> extra = new java.util.ArrayList<>();
    private TestDatabase database;
    private DropwizardTestSupport<TenantServiceConfiguration> app;

    public TenantServiceExtension() {
        this("http://127.0.0.1:8080");
    }

    public TenantServiceExtension(String webhookBaseUrl) {
        this.webhookBaseUrl = webhookBaseUrl;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.encryptionKey = Base64.getEncoder().encodeToString(key);
    }

    /**
     * Traces exported to this OTLP/HTTP endpoint (an {@code OtlpReceiver}), every request sampled;
     * without it tracing is off, as in production's default.
     */
    public TenantServiceExtension withTracingTo(String otlpEndpoint) {
        this.tracingEndpoint = otlpEndpoint;
        return this;
    }

    /**
     * As in production (SDP_ALLOW_PRIVATE_NETWORKS=false): a tenant's SDP must be https at a globally
     * routable address. Without it, as in every test run, the simulator's http://127.0.0.1 is accepted.
     */
    public TenantServiceExtension refusingPrivateNetworks() {
        this.allowPrivateNetworks = false;
        return this;
    }

    /**
     * The application port serves HTTPS with the PKCS#12 {@code keyStore} (a certificate for
     * {@code localhost}), the way an operator switches the connector type (docs/transport-security.md).
     */
    public TenantServiceExtension overHttps(String keyStore, String password) {
        this.keyStore = keyStore;
        this.keyStorePassword = password;
        return this;
    }

    /** One more configuration value (a Dropwizard override path such as {@code auth.signIn.maxFailuresPerAccount}). */
    public TenantServiceExtension withConfig(String path, String value) {
        return withSetting(path, () -> value);
    }

    /** One more config override, read when the service starts (e.g. a port known only then). */
    public TenantServiceExtension withSetting(String key, java.util.function.Supplier<String> value) {
        extra.add(ConfigOverride.config(key, value));
        return this;
    }

    /** Several of them, in order. */
    public TenantServiceExtension withSettings(java.util.Map<String, java.util.function.Supplier<String>> settings) {
        settings.forEach(this::withSetting);
        return this;
    }

    private ConfigOverride[] httpsOverrides() {
        if (keyStore == null) {
            return new ConfigOverride[0];
        }
        return new ConfigOverride[] {
                ConfigOverride.config("server.applicationConnectors[0].type", "https"),
                ConfigOverride.config("server.applicationConnectors[0].keyStorePath", keyStore),
                ConfigOverride.config("server.applicationConnectors[0].keyStorePassword", keyStorePassword),
                ConfigOverride.config("server.applicationConnectors[0].keyStoreType", "PKCS12")};
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabase.createMigrated();
        java.util.List<ConfigOverride> overrides = new java.util.ArrayList<>(java.util.List.of(
                ConfigOverride.config("database.url", database.jdbcUrl()),
                ConfigOverride.config("database.user", database.roleFor(ServiceRole.TENANT_SERVICE)),
                ConfigOverride.config("database.password", database.password()),
                ConfigOverride.config("migration.user", database.ownerUser()),
                ConfigOverride.config("migration.password", database.password()),
                ConfigOverride.config("encryption.key", encryptionKey),
                ConfigOverride.config("registry.webhookBaseUrl", webhookBaseUrl),
                ConfigOverride.config("sdp.allowPrivateNetworks", () -> Boolean.toString(allowPrivateNetworks)),
                ConfigOverride.config("tracing.enabled", () -> Boolean.toString(tracingEndpoint != null)),
                ConfigOverride.config("tracing.endpoint", () -> tracingEndpoint != null ? tracingEndpoint : "http://127.0.0.1:4318"),
                ConfigOverride.config("tracing.scheduleDelay", "100 milliseconds")));
        overrides.addAll(java.util.List.of(httpsOverrides()));
        overrides.addAll(extra);
        // Read from the class path, not as a file: from another module's tests the YAML is inside
        // this module's test-jar, where ResourceHelpers.resourceFilePath cannot make a path of it.
        app = new DropwizardTestSupport<>(TenantServiceApplication.class, "tenant-service-test.yml",
                new ResourceConfigurationSourceProvider(), overrides.toArray(ConfigOverride[]::new));
        app.before();
        awaitReady();
    }

    /**
     * Readiness starts unhealthy until the first scheduled database check has run: a test (or a
     * peer's health check) that asks before then would see a 503 that says nothing about the code.
     */
    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(adminUrl() + "/health-check")).build();
        Awaitility.await("tenant-service ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (app != null) {
                app.after();
            }
        } finally {
            // dropped even when the service does not stop cleanly: no aat_* database or role is left
            if (database != null) {
                database.close();
            }
        }
    }

    public String baseUrl() {
        return keyStore != null ? "https://localhost:" + app.getLocalPort() : "http://127.0.0.1:" + app.getLocalPort();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + app.getAdminPort();
    }

    public TestDatabase database() {
        return database;
    }

    public String encryptionKey() {
        return encryptionKey;
    }

    public DropwizardTestSupport<TenantServiceConfiguration> app() {
        return app;
    }
}
