package com.aiagents.platform.gateway.bench;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * tenant-service's internal runtime-config endpoint for the benchmark's tenants. The gateway
 * caches answers for 10 s, so this is asked a handful of times per run and does not shape the
 * figures; a mock keeps the benchmark free of PostgreSQL.
 */
final class BenchTenantRegistry extends Dispatcher implements AutoCloseable {
    static final String SERVICE_TOKEN = "bench-service-token-0123456789";

    private final Map<String, String> secrets;
    private final MockWebServer server = new MockWebServer();

    BenchTenantRegistry(Map<String, String> secrets) throws IOException {
        this.secrets = secrets;
        server.setDispatcher(this);
        server.start();
    }

    String url() {
        return server.url("/").toString();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String tenant = path.replaceFirst("^/internal/v1/tenants/", "").replaceFirst("/runtime-config$", "");
        String secret = secrets.get(tenant);
        if (secret == null || !("Bearer " + SERVICE_TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return new MockResponse.Builder().code(404).body("{\"code\":404,\"error\":\"tenant_not_found\",\"message\":\"no\"}").build();
        }
        TenantRuntimeConfig config = new TenantRuntimeConfig(tenant, TenantStatus.ACTIVE, Tier.BASIC,
                new TenantRuntimeConfig.Webhook(WebhookAuthMode.HMAC, secret, null, null),
                new RateLimits(RateLimits.MAX_RPM), null, null);
        try {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(JsonMapper.create().writeValueAsString(config)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
