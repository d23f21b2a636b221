package com.aiagents.platform.gates.health;

import com.aiagents.platform.common.health.RedisHealthCheck;
import com.aiagents.platform.gates.ServicesSettings;
import io.dropwizard.core.setup.Environment;
import okhttp3.OkHttpClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * One health check per real dependency (docs/architecture.md): PostgreSQL is registered by the pool
 * itself ({@code postgresql}); here Redis and every peer the gates call.
 */
public final class PeerHealthChecks {
    private PeerHealthChecks() {
    }

        public static void register(Environment environment, OkHttpClient http, UnifiedJedis redis, ServicesSettings peers) {
        environment.healthChecks().register("redis", new RedisHealthCheck(redis));
        environment.healthChecks().register("tenant-service",
                new PeerReachableHealthCheck(http, peers.getTenantServiceUrl()));
        environment.healthChecks().register("webhook-gateway",
                new PeerReachableHealthCheck(http, peers.getWebhookGatewayUrl()));
        environment.healthChecks().register("enhancement-worker",
                new PeerReachableHealthCheck(http, peers.getEnhancementWorkerUrl()));
        environment.healthChecks().register("provisioning-service",
                new PeerReachableHealthCheck(http, peers.getProvisioningServiceUrl()));
    }
}
