package com.aiagents.platform.gateway;

import static com.aiagents.platform.gateway.support.Deliveries.signed;
import static com.aiagents.platform.gateway.support.Deliveries.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.GatewayClient;
import com.aiagents.platform.gateway.support.PrivateRedisExtension;
import com.aiagents.platform.gateway.support.Readiness;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * tenant-service is a peer, not the gateway's own dependency: with it stopped the gateway stays
 * ready (Kubernetes keeps routing to it) and accepts webhooks of the tenants it has cached.
 */
class TenantServiceOutageReadinessTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final PrivateRedisExtension redis = new PrivateRedisExtension();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> gateway = GatewayApps.gateway("tenant-outage",
            () -> redis.get().url(), registry, Map.of());

    @Test
    void staysReadyAndAcceptsACachedTenantsWebhookWhileTenantServiceIsStopped() {
        String secret = registry.create("cached", WebhookAuthMode.HMAC, Tier.BASIC, 1000);
        registry.activate("cached");
        try (GatewayClient client = new GatewayClient(gateway.getLocalPort());
             GatewayClient admin = new GatewayClient(gateway.getAdminPort())) {
            await().atMost(WAIT).until(() -> Readiness.of(admin).code() == 200);
            byte[] first = ticket();
            assertThat(client.webhook("cached", first, signed(secret, first)).code()).isEqualTo(202);

            registry.stop();

            await().atMost(WAIT).until(() -> !Readiness.healthy(Readiness.of(admin), "tenant-service"));
            GatewayClient.Reply readiness = Readiness.of(admin);
            assertThat(readiness.code()).as(readiness.text()).isEqualTo(200);
            assertThat(Readiness.healthy(readiness, "redis")).isTrue();
            GatewayClient.Reply health = admin.get("/healthcheck");
            assertThat(health.code()).isEqualTo(500);
            assertThat(health.json().at("/tenant-service/healthy").asBoolean()).isFalse();

            byte[] second = ticket();
            GatewayClient.Reply accepted = client.webhook("cached", second, signed(secret, second));
            assertThat(accepted.code()).as(accepted.text()).isEqualTo(202);
            try (Jedis jedis = redis.get().connect()) {
                assertThat(jedis.llen(QueueNames.INGRESS)).as("both deliveries enqueued").isEqualTo(2);
            }
            assertThat(Readiness.of(admin).code()).isEqualTo(200);
        }
    }
}
