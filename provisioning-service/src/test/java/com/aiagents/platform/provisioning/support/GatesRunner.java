package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;

/**
 * The real gates-runner in-process on random ports: gate 1 on the shared database, gate 2 through
 * {@link FakePipeline}, gate 3 through the real gateway and the stand-in worker to the tenant's SDP
 * (the simulator), gate 4 on the shared Redis and the real provisioning-service's Kubernetes status.
 */
public final class GatesRunner implements AutoCloseable {
    private static final String PREFIX = "gatesrunner.";

    private final DropwizardTestSupport<GatesRunnerConfiguration> app;

    public GatesRunner(TestDatabase database, TestRedis redis, String tenantServiceUrl, String gatewayUrl,
                       String workerUrl, String provisioningUrl) {
        app = new DropwizardTestSupport<>(GatesRunnerApplication.class, "gates-runner-for-provisioning.yml",
                new ResourceConfigurationSourceProvider(), PREFIX,
                ConfigOverride.config(PREFIX, "database.url", database.jdbcUrl()),
                ConfigOverride.config(PREFIX, "database.user", database.runtimeUser()),
                ConfigOverride.config(PREFIX, "database.password", database.password()),
                ConfigOverride.config(PREFIX, "redisUrl", redis.url()),
                ConfigOverride.config(PREFIX, "services.tenantServiceUrl", tenantServiceUrl),
                ConfigOverride.config(PREFIX, "services.webhookGatewayUrl", gatewayUrl),
                ConfigOverride.config(PREFIX, "services.enhancementWorkerUrl", workerUrl),
                ConfigOverride.config(PREFIX, "services.provisioningServiceUrl", provisioningUrl));
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("gates-runner did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    @Override
    public void close() {
        app.after();
    }
}
