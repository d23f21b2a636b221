package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.aiagents.platform.common.tls.TrustedCa;
import com.aiagents.platform.worker.queue.QueueMaintenance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The gateway may enqueue a premium tenant's jobs straight onto {@code enhancement_queue:<id>}
 * (docs/queue.md), bypassing the dispatch that registers a tenant. Without KEYS or SCAN, the
 * worker learns those lists from the registry: every premium tenant is made known, so the
 * periodic reconcile puts its list in the round robin as soon as it holds jobs. The same pass keeps
 * the set of premium tenants whose in-flight cap the claim weights up.
 */
public final class PremiumQueueDiscovery {
    private static final int PAGE = 1000;

    private final OkHttpClient http;
    private final HttpUrl tenantsUrl;
    private final String authorization;
    private final ObjectMapper json;
    private final QueueMaintenance maintenance;

    public PremiumQueueDiscovery(OkHttpClient http, TenantServiceClientConfig config, ObjectMapper json,
                                 QueueMaintenance maintenance) {
        HttpUrl base = HttpUrl.parse(config.getUrl());
        if (base == null) {
            throw new IllegalArgumentException("tenantService.url is not an http(s) URL");
        }
        // tenant-service's certificate is checked against PLATFORM_TLS_CA_FILE when one is configured
        this.http = TrustedCa.trustOnly(http.newBuilder(), config.getTlsCaFile()).build();
        this.tenantsUrl = base.newBuilder().addPathSegments("v1/tenants").build();
        this.authorization = "Bearer " + config.getServiceToken();
        this.json = json;
        this.maintenance = maintenance;
    }

    /** Registers every premium tenant's list and the premium set; returns how many premium tenants there are. */
    public int discover() throws IOException {
        Set<String> premium = new HashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode tenants = page(offset).path("tenants");
            for (JsonNode t : tenants) {
                String id = t.path("tenant_id").asText("");
                if ("premium".equals(t.path("tier").asText()) && !"offboarded".equals(t.path("status").asText())
                        && TenantId.isValid(id)) {
                    maintenance.registerTenant(id);
                    premium.add(id);
                }
            }
            if (tenants.size() < PAGE) {
                maintenance.replacePremiumTenants(premium);
                return premium.size();
            }
        }
    }

    private JsonNode page(int offset) throws IOException {
        HttpUrl url = tenantsUrl.newBuilder().addQueryParameter("limit", Integer.toString(PAGE))
                .addQueryParameter("offset", Integer.toString(offset)).build();
        Request request = new Request.Builder().url(url).header("Authorization", authorization)
                .header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                throw new IOException("tenant listing answered HTTP " + response.code());
            }
            return json.readTree(body.string());
        }
    }
}
