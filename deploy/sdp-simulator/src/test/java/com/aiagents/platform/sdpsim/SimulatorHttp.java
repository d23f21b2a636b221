package com.aiagents.platform.sdpsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw HTTP against a running simulator: its /sim API and its SDP API, as a test client sees them. */
final class SimulatorHttp {

    static final String SDP_ACCEPT = "application/vnd.manageengine.sdp.v3+json";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ObjectMapper json = new ObjectMapper();
    private final OkHttpClient http;
    private final HttpUrl root;

    SimulatorHttp(int port) {
        this(port, Duration.ofSeconds(10));
    }

    SimulatorHttp(int port, Duration readTimeout) {
        this.http = new OkHttpClient.Builder().readTimeout(readTimeout).build();
        this.root = HttpUrl.get("http://127.0.0.1:" + port + "/");
    }

    /** A fresh instance name, so tests sharing one simulator never collide. */
    static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** One HTTP reply, read completely. */
    record Reply(int status, String body, Headers headers) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Reply createOnPrem(String name, String apiKey) {
        return sim("POST", "/sim/instances", "{\"name\":\"" + name + "\",\"edition\":\"onprem\",\"api_key\":\"" + apiKey + "\"}");
    }

    Reply patch(String name, String body) {
        return sim("PATCH", "/sim/instances/" + name, body);
    }

    Reply sim(String method, String path, String jsonBody) {
        RequestBody body = jsonBody == null ? null : RequestBody.create(jsonBody, JSON);
        return execute(new Request.Builder().url(root.resolve(path)).method(method, body).build());
    }

    /**
     * A call to an instance's SDP API below {@code /sdp/<instance>/api/v3/}: {@code input_data} as
     * query parameter for GET and DELETE, as form field otherwise.
     */
    Reply sdp(String method, String instance, String path, Map<String, String> headers, String inputData) {
        HttpUrl.Builder url = root.newBuilder().addPathSegments("sdp/" + instance + "/api/v3/" + path);
        boolean bodyless = "GET".equals(method) || "DELETE".equals(method);
        if (bodyless && inputData != null) {
            url.addQueryParameter("input_data", inputData);
        }
        FormBody.Builder form = new FormBody.Builder();
        if (!bodyless && inputData != null) {
            form.add("input_data", inputData);
        }
        Request.Builder request = new Request.Builder().url(url.build()).header("Accept", SDP_ACCEPT)
                .method(method, bodyless ? null : form.build());
        headers.forEach(request::header);
        return execute(request.build());
    }

    Reply post(HttpUrl url, RequestBody body) {
        return execute(new Request.Builder().url(url).post(body).build());
    }

    HttpUrl url(String path) {
        return root.resolve(path);
    }

    JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply execute(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Reply(response.code(), response.body() == null ? "" : response.body().string(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
