package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls gates-runner makes on its peers with the service token (docs/api/internal.md):
 * tenant-service (runtime config, active tenants), enhancement-worker (determinism probe),
 * provisioning-service (a tenant's Kubernetes objects). Uncached on purpose: a gate must see the
 * tenant as it is now, e.g. the secret of a rotation made a second ago.
 */
public final class PlatformServices {
    private static final int PAGE = 500;

    private final PeerHttp http;
    private final ObjectMapper json;
    private final String tenantServiceUrl;
    private final String workerUrl;
    private final String provisioningUrl;
    private final String webhookGatewayUrl;
    private final String serviceToken;

    public PlatformServices(PeerHttp http, ObjectMapper json, String tenantServiceUrl, String workerUrl,
                            String provisioningUrl, String webhookGatewayUrl, String serviceToken) {
        this.http = http;
        this.json = json;
        this.tenantServiceUrl = trim(tenantServiceUrl);
        this.workerUrl = trim(workerUrl);
        this.provisioningUrl = trim(provisioningUrl);
        this.webhookGatewayUrl = trim(webhookGatewayUrl);
        this.serviceToken = serviceToken;
    }

    public PeerHttp http() {
        return http;
    }

    /** The tenant's runtime config, or empty when tenant-service does not know it (or it is offboarded). */
    public Optional<TenantRuntimeConfig> runtimeConfig(TenantId tenant) {
        PeerHttp.Reply reply = http.get(tenantServiceUrl + "/internal/v1/tenants/" + tenant.value() + "/runtime-config",
                serviceToken);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.successful()) {
            throw new PeerCallException(reply.describe());
        }
        try {
            return Optional.of(json.treeToValue(reply.json(), TenantRuntimeConfig.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new PeerCallException(reply.call() + " answered a body that is not a runtime config");
        }
    }

    /** Every tenant in status {@code active}, all pages. */
    public List<TenantId> activeTenants() {
        List<TenantId> tenants = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            PeerHttp.Reply reply = http.get(tenantServiceUrl + "/v1/tenants?status=active&limit=" + PAGE
                    + "&offset=" + offset, serviceToken);
            if (!reply.successful()) {
                throw new PeerCallException(reply.describe());
            }
            JsonNode page = reply.json().path("tenants");
            for (JsonNode tenant : page) {
                tenants.add(TenantId.of(tenant.path("tenant_id").asText()));
            }
            if (page.size() < PAGE) {
                return tenants;
            }
        }
    }

    /** {@code POST /internal/v1/determinism-probe} on the worker. */
    public PeerHttp.Reply determinismProbe(TenantId tenant, int runs, long seed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", tenant.value());
        body.put("runs", runs);
        body.put("seed", seed);
        return http.postJson(workerUrl + "/internal/v1/determinism-probe", serviceToken, body);
    }

    /** {@code GET /v1/tenants/{id}/kubernetes} on provisioning-service. */
    public PeerHttp.Reply kubernetesStatus(TenantId tenant) {
        return http.get(provisioningUrl + "/v1/tenants/" + tenant.value() + "/kubernetes", serviceToken);
    }

    /** Delivers a webhook as SDP would: the exact bytes, with the tenant's auth header. */
    public PeerHttp.Reply deliverWebhook(TenantId tenant, byte[] body, Map<String, String> headers) {
        return http.postRaw(webhookGatewayUrl + "/webhook/servicedesk?tenant_id=" + tenant.value(), body, headers);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
