package com.aiagents.platform.gateway.support;

import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The real {@code config.yml} on random ports, pointed at a test's Redis and tenant registry.
 * Addresses are suppliers because they are known only once the other extensions have started.
 * Each app reads its overrides under its own system-property prefix: tenant-service runs in the
 * same JVM and its {@code dw.*} overrides (database, encryption) must not reach the gateway.
 */
public final class GatewayApps {
    private GatewayApps() {
    }

    public static DropwizardAppExtension<WebhookGatewayConfiguration> gateway(
            String name, Supplier<String> redisUrl, Supplier<String> tenantServiceUrl, String serviceToken,
            Map<String, String> extra) {
        String prefix = "gateway-" + name + ".";
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(prefix, "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config(prefix, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(prefix, "redis.url", redisUrl),
                ConfigOverride.config(prefix, "tenantService.url", tenantServiceUrl),
                ConfigOverride.config(prefix, "tenantService.serviceToken", serviceToken)));
        extra.forEach((key, value) -> overrides.add(ConfigOverride.config(prefix, key, value)));
        return new DropwizardAppExtension<>(WebhookGatewayApplication.class, "config.yml", prefix,
                overrides.toArray(ConfigOverride[]::new));
    }
}
