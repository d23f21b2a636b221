package com.aiagents.platform.common.client;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.tls.TrustedCa;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One uncached call to tenant-service's {@code GET /internal/v1/tenants/{id}/runtime-config} with
 * the calling service's own token. Use it through {@link CachingTenantDirectory}; on its own it would send one
 * request per webhook.
 */
public final class TenantServiceClient implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantServiceClient.class);

    private final HttpUrl baseUrl;
    private final String authorization;
    private final OkHttpClient http;
    private final ObjectMapper mapper = JsonMapper.create();

    public TenantServiceClient(TenantServiceClientConfig config) {
        this(config, chain -> chain.proceed(chain.request()));
    }

    /**
     * @param tracing the service's {@code PlatformTracing.clientInterceptor()}, so each call is a CLIENT
     *                span and carries the caller's {@code traceparent} to tenant-service
     */
    public TenantServiceClient(TenantServiceClientConfig config, Interceptor tracing) {
        HttpUrl parsed = HttpUrl.parse(config.getUrl());
        if (parsed == null) {
            throw new IllegalArgumentException("tenantService.url is not an http(s) URL");
        }
        this.baseUrl = parsed;
        TrustedCa.requireHttpsWhenTrusting(config.getUrl(), config.getTlsCaFile(), "tenantService.url");
        this.authorization = "Bearer " + config.getServiceToken();
        this.http = TrustedCa.trustOnly(new OkHttpClient.Builder(), config.getTlsCaFile())
                .connectTimeout(config.getConnectTimeout().toJavaDuration())
                .readTimeout(config.getReadTimeout().toJavaDuration())
                .writeTimeout(config.getReadTimeout().toJavaDuration())
                .callTimeout(config.getCallTimeout().toJavaDuration())
                .retryOnConnectionFailure(true)
                .addInterceptor(tracing)
                .build();
    }

    /**
     * The tenant's configuration, or empty when tenant-service answers 404 (unknown or offboarded).
     *
     * @throws TenantDirectoryUnavailableException on I/O failure, timeout or any other status
     */
    public Optional<TenantRuntimeConfig> fetch(TenantId tenantId) {
        Request request = new Request.Builder()
                .url(runtimeConfigUrl(tenantId))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .get()
                .build();
        try (Response response = http.newCall(request).execute()) {
            return interpret(tenantId, response);
        } catch (IOException e) {
            // The exception text may hold the URL, never the token: the token is only in a header.
            throw new TenantDirectoryUnavailableException("tenant-service unreachable or unreadable: " + e.getClass().getSimpleName(), e);
        }
    }

    HttpUrl runtimeConfigUrl(TenantId tenantId) {
        return baseUrl.newBuilder()
                .addPathSegments("internal/v1/tenants")
                .addPathSegment(tenantId.value())
                .addPathSegment("runtime-config")
                .build();
    }

    private Optional<TenantRuntimeConfig> interpret(TenantId tenantId, Response response) throws IOException {
        int code = response.code();
        if (code == 404) {
            return Optional.empty();
        }
        if (code == 401 || code == 403) {
            // Our own misconfiguration, not the tenant's: make it loud.
            LOG.error("event=tenant_service_rejected_token status={} (check this service's own *_SERVICE_TOKEN and tenant-service's auth.tokens)", code);
            throw new TenantDirectoryUnavailableException("tenant-service rejected the service token (" + code + ")");
        }
        if (code != 200) {
            throw new TenantDirectoryUnavailableException("tenant-service answered " + code);
        }
        ResponseBody body = response.body();
        TenantRuntimeConfig config = mapper.readValue(body.byteStream(), TenantRuntimeConfig.class);
        if (config == null || !tenantId.value().equals(config.tenantId()) || config.status() == null) {
            throw new TenantDirectoryUnavailableException("tenant-service answered a runtime config for another tenant or without status");
        }
        return Optional.of(config);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
