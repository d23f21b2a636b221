package com.aiagents.platform.console.health;

import com.aiagents.platform.common.health.HttpDependencyHealthCheck;
import com.aiagents.platform.common.tls.TrustedCa;
import com.aiagents.platform.console.PeerSettings;
import io.dropwizard.core.setup.Environment;
import okhttp3.OkHttpClient;

/**
 * One check per service the console calls: its public OpenAPI document ({@code GET /openapi.json},
 * no token needed) answers 2xx. None is critical (config.yml): the console has no dependency of its
 * own, so it stays ready, and shows what it can, while a service is down (docs/health.md).
 */
public final class PeerHealthChecks {
    private PeerHealthChecks() {
    }

    public static void register(Environment environment, PeerSettings peers) {
        OkHttpClient http = TrustedCa.trustOnly(new OkHttpClient.Builder(), peers.getTlsCaFile()).build();
        register(environment, http, "tenant-service", peers.getTenantServiceUrl());
        register(environment, http, "webhook-gateway", peers.getWebhookGatewayUrl());
        register(environment, http, "enhancement-worker", peers.getEnhancementWorkerUrl());
        register(environment, http, "provisioning-service", peers.getProvisioningServiceUrl());
        register(environment, http, "gates-runner", peers.getGatesRunnerUrl());
    }

    private static void register(Environment environment, OkHttpClient http, String name, String url) {
        environment.healthChecks().register(name,
                new HttpDependencyHealthCheck(http, url.replaceAll("/$", "") + "/openapi.json"));
    }
}
