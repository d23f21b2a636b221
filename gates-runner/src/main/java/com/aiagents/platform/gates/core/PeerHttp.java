package com.aiagents.platform.gates.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * JSON over HTTP to the platform's services and the LLM endpoint. A failed exchange becomes a
 * {@link PeerCallException} naming the method, the URL without query or user info, and the
 * exception type: never a header (bearer tokens, signatures) or a body.
 */
public final class PeerHttp {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final ObjectMapper json;

    public PeerHttp(OkHttpClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public Reply get(String url, String bearer) {
        return send(request(url, bearer).get().build());
    }

    public Reply postJson(String url, String bearer, Object body) {
        try {
            return send(request(url, bearer).post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serializable", e);
        }
    }

    /** Posts exactly {@code body} (a signature covers these bytes) with extra {@code headers}. */
    public Reply postRaw(String url, byte[] body, Map<String, String> headers) {
        Request.Builder request = request(url, null).post(RequestBody.create(body, JSON));
        headers.forEach(request::header);
        return send(request.build());
    }

    private Request.Builder request(String url, String bearer) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new PeerCallException("not an http(s) URL: " + shown(url));
        }
        Request.Builder request = new Request.Builder().url(parsed).header("Accept", "application/json");
        if (bearer != null && !bearer.isEmpty()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private Reply send(Request request) {
        String what = request.method() + " " + shown(request.url());
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            return new Reply(what, response.code(), text, parse(text));
        } catch (IOException e) {
            throw new PeerCallException(what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    static String shown(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        return parsed == null ? "<invalid URL>" : shown(parsed);
    }

    static String shown(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }

    /** An HTTP answer: what was called (for messages), status, raw text and the JSON body if any. */
    public record Reply(String call, int status, String text, JsonNode json) {
        public boolean successful() {
            return status >= 200 && status < 300;
        }

        /** e.g. {@code POST http://127.0.0.1:8080/webhook/servicedesk answered 403 (forbidden)}. */
        public String describe() {
            String error = json.path("error").asText("");
            return call + " answered " + status + (error.isEmpty() ? "" : " (" + error + ")");
        }
    }
}
