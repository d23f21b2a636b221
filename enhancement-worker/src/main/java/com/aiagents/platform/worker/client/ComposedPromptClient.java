package com.aiagents.platform.worker.client;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantNotFoundException;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One uncached {@code GET /v1/tenants/{id}/prompt-bundle/composed} to tenant-service with the
 * worker's own token (the only service it admits there). The answer is checked: its sha256 must be
 * the hash of its sections' text, so the prompt used and the hash recorded are the same thing.
 * Jobs go through {@link CachedComposedPrompts}; the determinism probe calls this directly.
 */
public final class ComposedPromptClient {
    private static final Logger LOG = LoggerFactory.getLogger(ComposedPromptClient.class);

    private final OkHttpClient http;
    private final HttpUrl tenants;
    private final String authorization;
    private final ObjectMapper json;

    public ComposedPromptClient(OkHttpClient http, TenantServiceClientConfig config, ObjectMapper json) {
        HttpUrl base = HttpUrl.parse(config.getUrl());
        if (base == null) {
            throw new IllegalArgumentException("tenantService.url is not an http(s) URL");
        }
        this.http = http.newBuilder()
                .connectTimeout(config.getConnectTimeout().toJavaDuration())
                .readTimeout(config.getReadTimeout().toJavaDuration())
                .callTimeout(config.getCallTimeout().toJavaDuration())
                .build();
        this.tenants = base.newBuilder().addPathSegments("v1/tenants").build();
        this.authorization = "Bearer " + config.getServiceToken();
        this.json = json;
    }

    /**
     * @throws TenantNotFoundException             when tenant-service does not know the tenant (404)
     * @throws TenantDirectoryUnavailableException on I/O failure, any other status or an inconsistent answer
     */
    public ComposedPrompt fetch(TenantId tenant) {
        HttpUrl url = tenants.newBuilder().addPathSegment(tenant.value()).addPathSegments("prompt-bundle/composed").build();
        Request request = new Request.Builder().url(url).header("Authorization", authorization)
                .header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 404) {
                throw new TenantNotFoundException(tenant);
            }
            if (response.code() == 401 || response.code() == 403) {
                LOG.error("event=tenant_service_rejected_token status={} endpoint=composed_prompt (check WORKER_SERVICE_TOKEN)",
                        response.code());
            }
            ResponseBody body = response.body();
            if (response.code() != 200 || body == null) {
                throw new TenantDirectoryUnavailableException("tenant-service answered " + response.code() + " for the composed prompt");
            }
            ComposedPrompt composed = json.readValue(body.byteStream(), ComposedPrompt.class);
            if (composed == null || composed.sha256() == null || !composed.consistent()) {
                throw new TenantDirectoryUnavailableException("tenant-service answered a composed prompt whose sha256 does not match its text");
            }
            return composed;
        } catch (IOException e) {
            throw new TenantDirectoryUnavailableException("tenant-service unreachable or unreadable: " + e.getClass().getSimpleName(), e);
        }
    }
}
