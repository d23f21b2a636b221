package com.aiagents.platform.gateway;

import static com.aiagents.platform.gateway.support.Deliveries.signed;
import static com.aiagents.platform.gateway.support.Deliveries.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.gateway.core.DeferredRelease;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.GatewayClient;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import com.aiagents.platform.testing.TestRedisExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Two gateway replicas on one Redis enforce one tenant's requests_per_minute together (the rest deferred). */
class SharedRateLimitTest {
    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final TestRedisExtension redis = new TestRedisExtension();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> replicaA = GatewayApps.gateway("a",
            () -> redis.get().url(), registry, Map.of());

    @RegisterExtension
    @Order(3)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> replicaB = GatewayApps.gateway("b",
            () -> redis.get().url(), registry, Map.of());

    @Test
    void theTenantsLimitHoldsInTotalAcrossReplicas() {
        String secret = registry.create("shared-limit", WebhookAuthMode.HMAC, Tier.BASIC, 7);
        int[] acceptedBy = new int[2];
        try (GatewayClient a = new GatewayClient(replicaA.getLocalPort());
             GatewayClient b = new GatewayClient(replicaB.getLocalPort())) {
            List<GatewayClient> replicas = List.of(a, b);
            for (int i = 0; i < 30; i++) {
                byte[] body = ticket();
                int status = replicas.get(i % 2).webhook("shared-limit", body, signed(secret, body)).code();
                assertThat(status).as("over the rate a job is deferred, not refused").isEqualTo(202);
                acceptedBy[i % 2]++;
            }
        }

        assertThat(acceptedBy[0]).as("replica A took part").isEqualTo(15);
        assertThat(acceptedBy[1]).as("replica B took part").isEqualTo(15);
        try (Jedis jedis = redis.get().connect()) {
            assertThat(jedis.llen(QueueNames.INGRESS)).as("queued within the rate").isEqualTo(7);
            assertThat(jedis.llen(DeferredRelease.laneKey(TenantId.of("shared-limit")))).isEqualTo(23);
        }
    }
}
