package com.aiagents.platform.console.core;

import com.aiagents.platform.common.tls.TrustedCa;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The console's calls to the services, each with the signed-in person's bearer token (or none, for
 * sign-in). A failed call is a {@link Reply} with status 0, never an exception: a page shows what it
 * could get and "—" for the rest.
 */
public final class Api {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /** Which service a call goes to (the metric's label too). */
    public enum Service { TENANT_SERVICE, WEBHOOK_GATEWAY, ENHANCEMENT_WORKER, PROVISIONING_SERVICE, GATES_RUNNER }

    /** A service's answer: the HTTP status (0: no answer) and its JSON body (missing when none). */
    public record Reply(int status, JsonNode json) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The API's error slug ({@code "error"}), or "" */
        public String error() {
            return json.path("error").asText("");
        }
    }

    private final Map<Service, HttpUrl> bases;
    private final OkHttpClient http;
    private final OkHttpClient slow;
    private final ObjectMapper mapper;
    private final Counter calls;

    public Api(Map<Service, String> bases, Duration timeout, Duration slowTimeout, String tlsCaFile,
               ObjectMapper mapper, CollectorRegistry metrics) {
        this.bases = new java.util.EnumMap<>(Service.class);
        bases.forEach((service, url) -> {
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null) {
                throw new IllegalArgumentException(service + " URL is not a valid http(s) URL");
            }
            TrustedCa.requireHttpsWhenTrusting(url, tlsCaFile, service.name().toLowerCase());
            this.bases.put(service, parsed);
        });
        this.http = TrustedCa.trustOnly(new OkHttpClient.Builder(), tlsCaFile)
                .callTimeout(timeout).connectTimeout(Duration.ofSeconds(3)).readTimeout(timeout)
                .followRedirects(false).build();
        this.slow = http.newBuilder().callTimeout(slowTimeout).readTimeout(slowTimeout).build();
        this.mapper = mapper;
        this.calls = Counter.build("console_api_calls_total",
                        "Calls the console made to the services, by service and outcome (2xx, 4xx, 5xx, failed)")
                .labelNames("service", "outcome").register(metrics);
    }

    public Reply get(Service service, String pathAndQuery, String token) {
        return call(http, service, "GET", pathAndQuery, token, null);
    }

    public Reply post(Service service, String path, String token, Object body) {
        return call(http, service, "POST", path, token, body);
    }

    /** A POST with extra request headers (e.g. {@code Prefer: respond-async}). */
    public Reply post(Service service, String path, String token, Object body, Map<String, String> headers) {
        return call(http, service, "POST", path, token, body, headers);
    }

    public Reply put(Service service, String path, String token, Object body) {
        return call(http, service, "PUT", path, token, body);
    }

    public Reply delete(Service service, String path, String token) {
        return call(http, service, "DELETE", path, token, null);
    }

    /** A call that may take minutes (a synchronous gate run). */
    public Reply postSlow(Service service, String path, String token, Object body) {
        return call(slow, service, "POST", path, token, body);
    }

    private Reply call(OkHttpClient client, Service service, String method, String pathAndQuery, String token, Object body) {
        return call(client, service, method, pathAndQuery, token, body, Map.of());
    }

    private Reply call(OkHttpClient client, Service service, String method, String pathAndQuery, String token, Object body,
                       Map<String, String> headers) {
        HttpUrl base = bases.get(service);
        HttpUrl url = HttpUrl.parse(base.toString().replaceAll("/$", "") + pathAndQuery);
        if (url == null) {
            throw new IllegalArgumentException("not a path: " + pathAndQuery);
        }
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            RequestBody entity = body == null
                    ? ("GET".equals(method) || "DELETE".equals(method) ? null : RequestBody.create(new byte[0], JSON))
                    : RequestBody.create(mapper.writeValueAsBytes(body), JSON);
            request.method(method, entity);
        } catch (IOException e) {
            throw new IllegalArgumentException("body cannot be written as JSON", e);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            calls.labels(label(service), (response.code() / 100) + "xx").inc();
            return new Reply(response.code(), read(response.body()));
        } catch (IOException | RuntimeException e) {
            calls.labels(label(service), "failed").inc();
            return new Reply(0, MissingNode.getInstance());
        }
    }

    private JsonNode read(ResponseBody body) throws IOException {
        if (body == null) {
            return MissingNode.getInstance();
        }
        byte[] bytes = body.byteStream().readNBytes(MAX_BODY);
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String label(Service service) {
        return service.name().toLowerCase().replace('_', '-');
    }
}
