package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import com.aiagents.platform.testing.TestRedis;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;

/** The real webhook-gateway in-process on random ports: gate 3's webhooks go through it into Redis. */
public final class WebhookGateway implements AutoCloseable {
    private static final String PREFIX = "gateway.";

    private final DropwizardTestSupport<WebhookGatewayConfiguration> app;

    public WebhookGateway(TestRedis redis, String tenantServiceUrl, String serviceToken) {
        app = new DropwizardTestSupport<>(WebhookGatewayApplication.class, "webhook-gateway-for-provisioning.yml",
                new ResourceConfigurationSourceProvider(), PREFIX,
                ConfigOverride.config(PREFIX, "redis.url", redis.url()),
                ConfigOverride.config(PREFIX, "tenantService.url", tenantServiceUrl),
                ConfigOverride.config(PREFIX, "tenantService.serviceToken", serviceToken));
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("webhook-gateway did not start", e);
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
