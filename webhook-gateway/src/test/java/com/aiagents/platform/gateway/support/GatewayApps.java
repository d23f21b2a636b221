package com.aiagents.platform.gateway.support;

import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import io.dropwizard.testing.ConfigOverride;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 *
 * <p>One test setting differs from config.yml: every scheduled health check runs each second (as
 * the other services' test YAMLs have it), so a test that waits for readiness to follow an outage
 * waits 3 checks of 1 s instead of 3 of 5 s, and 2 of 1 s instead of 2 of 30 s to come back.
 */
public final class GatewayApps {
    private static final Map<String, String> HEALTH_SCHEDULE = healthScheduleEverySecond();

    private GatewayApps() {
    }

    /** {@code health.healthChecks[i].schedule.*} = 1 s for each scheduled (not {@code alive}) check of config.yml. */
    private static Map<String, String> healthScheduleEverySecond() {
        JsonNode checks;
        try {
            checks = new YAMLMapper().readTree(Path.of("config.yml").toFile()).path("health").path("healthChecks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> schedule = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            if (!"alive".equals(checks.get(i).path("type").asText())) {
                schedule.put("health.healthChecks[" + i + "].schedule.checkInterval", "1s");
                schedule.put("health.healthChecks[" + i + "].schedule.downtimeInterval", "1s");
            }
        }
        if (schedule.isEmpty()) {
            throw new IllegalStateException("config.yml has no scheduled health checks: " + checks);
        }
        return schedule;
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
        HEALTH_SCHEDULE.forEach((key, value) -> values.put(key, () -> value));
        extra.forEach((key, value) -> values.put(key, () -> value));
        List<ConfigOverride> overrides = new ArrayList<>();
        values.forEach((key, value) -> overrides.add(ConfigOverride.config(prefix, key, value)));
        return new DropwizardAppExtension<>(WebhookGatewayApplication.class, "config.yml", prefix,
                overrides.toArray(ConfigOverride[]::new));
    }
}
