package com.aiagents.platform.gateway.support;

import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            String name, Supplier<String> redisUrl, TenantServiceFixture registry, Map<String, String> extra) {
        String prefix = "gateway-" + name + ".";
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        values.put("server.applicationConnectors[0].port", () -> "0");
        values.put("server.adminConnectors[0].port", () -> "0");
        values.put("redis.url", redisUrl);
        values.put("tenantService.url", registry::url);
        values.put("tenantService.healthUrl", registry::healthUrl);
        values.put("tenantService.serviceToken", registry::serviceToken);
        extra.forEach((key, value) -> values.put(key, () -> value));
        List<ConfigOverride> overrides = new ArrayList<>();
        values.forEach((key, value) -> overrides.add(ConfigOverride.config(prefix, key, value)));
        return new DropwizardAppExtension<>(WebhookGatewayApplication.class, "config.yml", prefix,
                overrides.toArray(ConfigOverride[]::new));
    }
}
