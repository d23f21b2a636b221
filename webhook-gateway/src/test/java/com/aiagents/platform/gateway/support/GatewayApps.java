package com.aiagents.platform.gateway.support;

import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The real {@code config.yml} on random ports, pointed at a test's Redis and tenant registry.
 * Addresses are suppliers because they are known only once the other extensions have started.
 */
public final class GatewayApps {
    private GatewayApps() {
    }

    public static DropwizardAppExtension<WebhookGatewayConfiguration> gateway(
            Supplier<String> redisUrl, Supplier<String> tenantServiceUrl, String serviceToken, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("redis.url", redisUrl),
                ConfigOverride.config("tenantService.url", tenantServiceUrl),
                ConfigOverride.config("tenantService.serviceToken", serviceToken)));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(WebhookGatewayApplication.class, "config.yml",
                overrides.toArray(ConfigOverride[]::new));
    }
}
