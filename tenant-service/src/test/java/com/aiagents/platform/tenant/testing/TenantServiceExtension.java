package com.aiagents.platform.tenant.testing;

import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.TenantServiceApplication;
import com.aiagents.platform.tenant.TenantServiceConfiguration;
import com.aiagents.platform.testing.TestDatabase;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.security.SecureRandom;
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
    public static final String SERVICE_TOKEN = "test-service-token-0123456789";

    private final String webhookBaseUrl;
    private final String encryptionKey;
    private String tracingEndpoint;
    private boolean allowPrivateNetworks = true;
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

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabase.createMigrated();
        // Read from the class path, not as a file: from another module's tests the YAML is inside
        // this module's test-jar, where ResourceHelpers.resourceFilePath cannot make a path of it.
        app = new DropwizardTestSupport<>(TenantServiceApplication.class, "tenant-service-test.yml",
                new ResourceConfigurationSourceProvider(),
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
                ConfigOverride.config("tracing.scheduleDelay", "100 milliseconds"));
        app.before();
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
        return "http://127.0.0.1:" + app.getLocalPort();
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
