package com.aiagents.platform.gateway.support;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * tenant-service's internal endpoint {@code GET /internal/v1/tenants/{id}/runtime-config} on a
 * mockwebserver3, answering the exact JSON of {@link TenantRuntimeConfig} (200), 404 for unknown
 * or offboarded tenants and 401 without the service token.
 */
public final class MockTenantRegistry extends Dispatcher implements TenantRegistryFixture {
    private static final String TOKEN = "test-service-token-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private static final String PREFIX = "/internal/v1/tenants/";

    private final ObjectMapper mapper = JsonMapper.create();
    private final Map<String, TenantRuntimeConfig> tenants = new ConcurrentHashMap<>();
    private final MockWebServer server = new MockWebServer();

    public MockTenantRegistry() {
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String url() {
        return server.url("/").toString();
    }

    @Override
    public String serviceToken() {
        return TOKEN;
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public String create(String tenantId, WebhookAuthMode mode, Tier tier, int requestsPerMinute) {
        String secret = newSecret();
        tenants.put(tenantId, new TenantRuntimeConfig(tenantId, TenantStatus.ACTIVE, tier,
                new TenantRuntimeConfig.Webhook(mode, secret, null, null), new RateLimits(requestsPerMinute), null, null));
        return secret;
    }

    @Override
    public void setStatus(String tenantId, TenantStatus status) {
        update(tenantId, c -> new TenantRuntimeConfig(c.tenantId(), status, c.tier(), c.webhook(), c.rateLimits(),
                c.servicedesk(), c.enhancementPreferences()));
    }

    @Override
    public String rotate(String tenantId) {
        String secret = newSecret();
        update(tenantId, c -> withWebhook(c, new TenantRuntimeConfig.Webhook(c.webhook().mode(), secret,
                c.webhook().secret(), Instant.now().plus(Duration.ofHours(24)))));
        return secret;
    }

    @Override
    public void expirePreviousSecret(String tenantId) {
        update(tenantId, c -> withWebhook(c, new TenantRuntimeConfig.Webhook(c.webhook().mode(), c.webhook().secret(),
                c.webhook().previousSecret(), Instant.now().minusSeconds(1))));
    }

    @Override
    public void offboard(String tenantId) {
        // tenant-service answers 404 for offboarded tenants, exactly as for unknown ones.
        tenants.remove(tenantId);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"code\":401,\"error\":\"unauthorized\",\"message\":\"missing or invalid token\"}");
        }
        String path = request.getUrl().encodedPath();
        if (!path.startsWith(PREFIX) || !path.endsWith("/runtime-config")) {
            return json(404, "{\"code\":404,\"error\":\"not_found\",\"message\":\"no such resource\"}");
        }
        TenantRuntimeConfig config = tenants.get(path.substring(PREFIX.length(), path.length() - "/runtime-config".length()));
        if (config == null) {
            return json(404, "{\"code\":404,\"error\":\"tenant_not_found\",\"message\":\"no such tenant\"}");
        }
        try {
            return json(200, mapper.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void update(String tenantId, UnaryOperator<TenantRuntimeConfig> change) {
        tenants.computeIfPresent(tenantId, (id, config) -> change.apply(config));
    }

    private static TenantRuntimeConfig withWebhook(TenantRuntimeConfig c, TenantRuntimeConfig.Webhook webhook) {
        return new TenantRuntimeConfig(c.tenantId(), c.status(), c.tier(), webhook, c.rateLimits(), c.servicedesk(),
                c.enhancementPreferences());
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
