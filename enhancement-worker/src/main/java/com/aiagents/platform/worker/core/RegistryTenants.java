package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.aiagents.platform.common.tls.TrustedCa;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Every tenant of the registry ({@code GET /v1/tenants}, paged), for the worker's chores that
 * visit each tenant: premium queue discovery and reconciliation. Invalid ids are skipped.
 */
public final class RegistryTenants {
    private static final int PAGE = 1000;

    private final OkHttpClient http;
    private final HttpUrl tenantsUrl;
    private final String authorization;
    private final ObjectMapper json;

    /** One tenant as listed: the fields the chores choose by. */
    public record Listed(TenantId tenantId, String tier, String status) {
    }

    public RegistryTenants(OkHttpClient http, TenantServiceClientConfig config, ObjectMapper json) {
        HttpUrl base = HttpUrl.parse(config.getUrl());
        if (base == null) {
            throw new IllegalArgumentException("tenantService.url is not an http(s) URL");
        }
        // tenant-service's certificate is checked against PLATFORM_TLS_CA_FILE when one is configured
        this.http = TrustedCa.trustOnly(http.newBuilder(), config.getTlsCaFile()).build();
        this.tenantsUrl = base.newBuilder().addPathSegments("v1/tenants").build();
        this.authorization = "Bearer " + config.getServiceToken();
        this.json = json;
    }

    public List<Listed> all() throws IOException {
        List<Listed> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode tenants = page(offset).path("tenants");
            for (JsonNode t : tenants) {
                String id = t.path("tenant_id").asText("");
                if (TenantId.isValid(id)) {
                    all.add(new Listed(TenantId.of(id), t.path("tier").asText(""), t.path("status").asText("")));
                }
            }
            if (tenants.size() < PAGE) {
                return all;
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
