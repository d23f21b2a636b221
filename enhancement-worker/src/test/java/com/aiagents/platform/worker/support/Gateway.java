package com.aiagents.platform.worker.support;

import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.gateway.WebhookGatewayConfiguration;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real webhook-gateway in-process with its own {@code config.yml}, on random ports, queueing
 * into the environment's Redis for the worker and asking its tenant-service; signs webhooks as
 * SDP does (HMAC of the body with the tenant's secret).
 */
public final class Gateway implements AutoCloseable {
    private static final String PREFIX = "gateway.";

    private final DropwizardTestSupport<WebhookGatewayConfiguration> app;
    private final HttpClient http = HttpClient.newHttpClient();

    private Gateway(DropwizardTestSupport<WebhookGatewayConfiguration> app) {
        this.app = app;
    }

    /** @param settings more config overrides, {@code "tracing.enabled", "true"} */
    public static Gateway start(WorkerEnvironment env, Map<String, String> settings) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.applicationConnectors[0].port", "0");
        all.put("server.adminConnectors[0].port", "0");
        all.put("redis.url", env.testRedis().url());
        all.put("tenantService.url", env.tenantService().baseUrl());
        all.put("tenantService.healthUrl", env.tenantService().adminUrl() + "/healthcheck");
        all.put("tenantService.serviceToken", TenantServiceExtension.GATEWAY_TOKEN);
        all.put("logging.level", "WARN");
        all.putAll(settings);
        DropwizardTestSupport<WebhookGatewayConfiguration> app = new DropwizardTestSupport<>(
                WebhookGatewayApplication.class, "../webhook-gateway/config.yml", PREFIX,
                all.entrySet().stream().map(e -> ConfigOverride.config(PREFIX, e.getKey(), e.getValue()))
                        .toArray(ConfigOverride[]::new));
        app.before();
        return new Gateway(app);
    }

    /** POSTs {@code body} to {@code /webhook/servicedesk} for the tenant, signed with its webhook secret. */
    public HttpResponse<String> send(Tenant tenant, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort()
                        + "/webhook/servicedesk?tenant_id=" + tenant.id().value()))
                .header("Content-Type", "application/json")
                .header("X-ServiceDesk-Signature", signature(tenant, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code http://127.0.0.1:<port>}, the gateway's application connector. */
    public String baseUrl() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    /** The signature header's value for {@code body}. */
    public static String signature(Tenant tenant, String body) {
        return WebhookSignatures.hmacSha256Hex(tenant.webhookSecret(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        app.after();
    }
}
