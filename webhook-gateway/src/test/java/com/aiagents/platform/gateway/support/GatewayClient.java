package com.aiagents.platform.gateway.support;

import com.aiagents.platform.api.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw HTTP against a running gateway: exact bytes out, status, headers and JSON back. */
public final class GatewayClient implements AutoCloseable {
    public static final MediaType JSON = MediaType.get("application/json");

    private final String baseUrl;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(30))
            .retryOnConnectionFailure(false)
            .build();

    public GatewayClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** The answer, with the body parsed as JSON (null when it is not JSON). */
    public record Reply(int code, Headers headers, String text, JsonNode json) {
        public String jobId() {
            return json == null || json.get("job_id") == null ? null : json.get("job_id").asText();
        }

        public String error() {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }
    }

    public Reply webhook(String tenantId, byte[] body, Map<String, String> headers) {
        return post("/webhook/servicedesk?tenant_id=" + tenantId, RequestBody.create(body, JSON), Headers.of(headers));
    }

    public Reply post(String pathAndQuery, RequestBody body, Headers headers) {
        return send(new Request.Builder().url(baseUrl + pathAndQuery).headers(headers).post(body).build());
    }

    public Reply get(String pathAndQuery) {
        return send(new Request.Builder().url(baseUrl + pathAndQuery).get().build());
    }

    public Reply send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            return new Reply(response.code(), response.headers(), text, parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JsonMapper.create().readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
