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
import com.aiagents.platform.gateway.support.GatewayClient.Reply;
import com.aiagents.platform.gateway.support.PrivateRedisExtension;
import com.aiagents.platform.gateway.support.Readiness;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Redis or the tenant registry down: 503 with Retry-After, and never a 202 without a job. Readiness
 * follows Redis, the gateway's own dependency, and not the registry, a peer.
 */
class DependencyOutageTest {
    private static final int CLOSED_PORT = closedPort();

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final PrivateRedisExtension redis = new PrivateRedisExtension();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> gateway = GatewayApps.gateway("outage",
            () -> redis.get().url(), registry, Map.of());

    @RegisterExtension
    @Order(3)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> gatewayWithoutRegistry = GatewayApps.gateway(
            "no-registry", () -> redis.get().url(), registry,
            Map.of("tenantService.url", "http://127.0.0.1:" + CLOSED_PORT, "tenantService.healthUrl",
                    "http://127.0.0.1:" + CLOSED_PORT + "/healthcheck"));

    @Test
    void redisDownMeans503WithRetryAfterAndNothingAcceptedUntilItIsBack() {
        String secret = registry.create("outage", WebhookAuthMode.HMAC, Tier.BASIC, 1000);
        try (GatewayClient client = new GatewayClient(gateway.getLocalPort());
             GatewayClient admin = new GatewayClient(gateway.getAdminPort())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Readiness.of(admin).code() == 200);
            byte[] before = ticket();
            assertThat(client.webhook("outage", before, signed(secret, before)).code()).isEqualTo(202);

            redis.get().privateServer().stop();
            byte[] during = ticket();
            for (int i = 0; i < 5; i++) {
                Reply reply = client.webhook("outage", during, signed(secret, during));
                assertThat(reply.code()).isEqualTo(503);
                assertThat(reply.error()).isEqualTo("queue_unavailable");
                assertThat(Long.parseLong(reply.headers().get("Retry-After"))).isPositive();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Readiness.of(admin).code() == 503);
            assertThat(Readiness.healthy(Readiness.of(admin), "redis")).isFalse();
            assertThat(admin.get("/health-check/alive").code()).as("alive: a restart would not bring Redis back")
                    .isEqualTo(200);

            redis.get().privateServer().restart();
            // The restarted server is empty (no persistence in tests); pooled connections to the
            // old process fail once each and are replaced, so poll until the delivery goes through.
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> client.webhook("outage", during, signed(secret, during)).code() == 202);
            try (Jedis jedis = redis.get().connect()) {
                assertThat(jedis.llen(QueueNames.INGRESS)).as("the retried delivery is enqueued exactly once").isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Readiness.of(admin).code() == 200);
        }
    }

    @Test
    void anUnreachableTenantRegistryMeans503WithRetryAfter() {
        try (GatewayClient client = new GatewayClient(gatewayWithoutRegistry.getLocalPort())) {
            byte[] body = ticket();
            Reply reply = client.webhook("acme", body, signed("whatever", body));

            assertThat(reply.code()).isEqualTo(503);
            assertThat(reply.error()).isEqualTo("tenant_registry_unavailable");
            assertThat(Long.parseLong(reply.headers().get("Retry-After"))).isPositive();
        }
        try (GatewayClient admin = new GatewayClient(gatewayWithoutRegistry.getAdminPort())) {
            Reply health = admin.get("/healthcheck");
            assertThat(health.code()).isEqualTo(500);
            assertThat(health.json().at("/tenant-service/healthy").asBoolean()).isFalse();
            assertThat(health.json().at("/redis/healthy").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(90)).until(() -> !Readiness.healthy(Readiness.of(admin), "tenant-service"));
            assertThat(Readiness.of(admin).code()).as("a peer down is no reason to take the gateway out").isEqualTo(200);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
