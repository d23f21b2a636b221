package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.errors.FieldError;
import com.aiagents.platform.common.tls.TrustedCa;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one peer service with provisioning-service's own service token: OkHttp with
 * connect and whole-call timeouts, no retries here (the saga retries a whole step on transient
 * errors, since only a step knows how to repeat itself safely). Bodies are never
 * logged; the token is only ever in a header. Every call goes through the service's tracing
 * interceptor, so it carries the current step's {@code traceparent} to the peer.
 */
class JsonServiceClient implements AutoCloseable {
    static final String ACTING_FOR = "X-Acting-For";
    private static final Logger LOG = LoggerFactory.getLogger(JsonServiceClient.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final String service;
    private final HttpUrl baseUrl;
    private final String authorization;
    private final OkHttpClient http;
    final ObjectMapper mapper = JsonMapper.create();

    /** @param tlsCaFile PLATFORM_TLS_CA_FILE: when set, the peer must be https with a certificate from that CA */
    JsonServiceClient(String service, ServiceEndpoint endpoint, String serviceToken, String tlsCaFile,
            Interceptor tracing) {
        HttpUrl parsed = endpoint.getUrl() == null ? null : HttpUrl.parse(endpoint.getUrl());
        if (parsed == null) {
            throw new IllegalArgumentException(service + " url is not an http(s) URL");
        }
        PlatformService.PROVISIONING.requireOwnToken(serviceToken);
        TrustedCa.requireHttpsWhenTrusting(endpoint.getUrl(), tlsCaFile, service + " url");
        this.service = service;
        this.baseUrl = parsed;
        this.authorization = "Bearer " + serviceToken;
        this.http = TrustedCa.trustOnly(new OkHttpClient.Builder(), tlsCaFile)
                .connectTimeout(endpoint.getConnectTimeout().toJavaDuration())
                .readTimeout(endpoint.getCallTimeout().toJavaDuration())
                .writeTimeout(endpoint.getCallTimeout().toJavaDuration())
                .callTimeout(endpoint.getCallTimeout().toJavaDuration())
                .retryOnConnectionFailure(false)
                .addInterceptor(tracing)
                .build();
    }

    /** An answer with a 2xx (or an expected) status and its JSON body (null when empty). */
    record Reply(int status, JsonNode body) {
    }

    Reply call(String method, Consumer<HttpUrl.Builder> path, JsonNode body, String actingFor) {
        return call(method, path, body, actingFor, java.util.Map.of());
    }

    Reply call(String method, Consumer<HttpUrl.Builder> path, JsonNode body, String actingFor,
               java.util.Map<String, String> headers) {
        HttpUrl.Builder url = baseUrl.newBuilder();
        path.accept(url);
        Request.Builder request = new Request.Builder()
                .url(url.build())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (actingFor != null) {
            request.header(ACTING_FOR, actingFor);
        }
        headers.forEach(request::header);
        RequestBody payload = body == null ? (requiresBody(method) ? RequestBody.create(new byte[0], JSON) : null)
                : RequestBody.create(write(body), JSON);
        request.method(method, payload);
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            JsonNode json = text.isBlank() ? null : parse(text);
            if (response.code() == 401 || response.code() == 403) {
                LOG.error("event=service_token_rejected service={} status={} (check PROVISIONING_SERVICE_TOKEN here and the peer's accepted tokens)",
                        service, response.code());
            }
            return new Reply(response.code(), json);
        } catch (IOException e) {
            boolean neverSent = e instanceof ConnectException || e instanceof UnknownHostException;
            boolean timedOut = e instanceof InterruptedIOException;
            String what = timedOut ? "timed out" : "unreachable";
            throw new ServiceCallException(service, 0, service.replace('-', '_') + "_unavailable",
                    service + " " + what + " (" + e.getClass().getSimpleName() + ")", List.of(),
                    !neverSent);
        }
    }

    /** The peer's error answer as an exception: its status, slug, message and field errors. */
    ServiceCallException failure(Reply reply, String doing) {
        JsonNode body = reply.body();
        String error = body != null && body.path("error").isTextual() ? body.get("error").asText() : "http_" + reply.status();
        String message = body != null && body.path("message").isTextual() ? body.get("message").asText() : "";
        List<FieldError> fields = new ArrayList<>();
        if (body != null && body.path("fields").isArray()) {
            body.get("fields").forEach(f -> fields.add(new FieldError(f.path("field").asText(), f.path("message").asText())));
        }
        String text = service + " answered " + reply.status() + " to " + doing
                + (message.isEmpty() ? " (" + error + ")" : ": " + message);
        return new ServiceCallException(service, reply.status(), error, text, message, fields, false);
    }

    String service() {
        return service;
    }

    private byte[] write(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise a request to " + service, e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page, say): keep the status, drop the body.
            return null;
        }
    }

    private static boolean requiresBody(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    /** Cancels calls in flight (their callers see an IOException) and releases connections. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
