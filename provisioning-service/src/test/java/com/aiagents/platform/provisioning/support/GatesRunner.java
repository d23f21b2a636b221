package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;

/**
 * The real gates-runner in-process on random ports: gate 1 on the shared database, gate 2 and 3
 * through {@link FakePipeline} (gateway and worker have not landed), gate 3 on the tenant's SDP
 * (the simulator), gate 4 asking the real provisioning-service for the Kubernetes status.
 */
public final class GatesRunner implements AutoCloseable {
    private static final String PREFIX = "gatesrunner.";

    private final DropwizardTestSupport<GatesRunnerConfiguration> app;
    private final TestRedis redis = TestRedis.claim();

    public GatesRunner(TestDatabase database, String tenantServiceUrl, String pipelineUrl, String provisioningUrl) {
        app = new DropwizardTestSupport<>(GatesRunnerApplication.class, "gates-runner-for-provisioning.yml",
                new ResourceConfigurationSourceProvider(), PREFIX,
                ConfigOverride.config(PREFIX, "database.url", database.jdbcUrl()),
                ConfigOverride.config(PREFIX, "database.user", database.runtimeUser()),
                ConfigOverride.config(PREFIX, "database.password", database.password()),
                ConfigOverride.config(PREFIX, "redisUrl", redis.url()),
                ConfigOverride.config(PREFIX, "services.tenantServiceUrl", tenantServiceUrl),
                ConfigOverride.config(PREFIX, "services.webhookGatewayUrl", pipelineUrl),
                ConfigOverride.config(PREFIX, "services.enhancementWorkerUrl", pipelineUrl),
                ConfigOverride.config(PREFIX, "services.provisioningServiceUrl", provisioningUrl));
        try {
            app.before();
        } catch (Exception e) {
            redis.close();
            throw new IllegalStateException("gates-runner did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    @Override
    public void close() {
        app.after();
        redis.close();
    }
}
