package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantLlmEndpoint;
import com.aiagents.platform.sdp.net.RefusedAddressException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Gate 4's check of a tenant's own LLM endpoint ({@code llm_endpoint}): a real {@code GET {base}/models}
 * with the tenant's key, through an HTTP client guarded like the SDP client (https, globally routable,
 * no redirects). A refused key, an unreachable or refused address, an error answer, or a model the
 * endpoint does not list fails with a message saying which; no message carries the key.
 */
public final class TenantLlmCheck {
    private static final long MAX_REPLY_BYTES = 4L * 1024 * 1024;

    private final OkHttpClient http;
    private final ObjectMapper json;

    /** @param guarded refuses the addresses a tenant may not point the platform at */
    public TenantLlmCheck(OkHttpClient guarded, ObjectMapper json) {
        this.http = guarded.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.json = json;
    }

    /** What the endpoint answered, or a failure message (thrown as {@link Failed}). */
    public String check(TenantLlmEndpoint endpoint) {
        HttpUrl base = HttpUrl.parse(endpoint.baseUrl());
        if (base == null) {
            throw new Failed("the tenant's llm_endpoint.base_url is not an http(s) URL");
        }
        HttpUrl models = base.newBuilder().addPathSegment("models").build();
        String call = "GET " + models;
        Request request = new Request.Builder().url(models).header("Accept", "application/json")
                .header("Authorization", "Bearer " + endpoint.apiKey()).get().build();
        try (Response response = http.newCall(request).execute()) {
            int status = response.code();
            if (status == 401 || status == 403) {
                throw new Failed("the tenant's LLM endpoint refused its API key: " + call + " answered " + status);
            }
            if (status < 200 || status >= 300) {
                throw new Failed("the tenant's LLM endpoint answered " + call + " with " + status);
            }
            Optional<Boolean> listed = listsModel(response.body(), endpoint.model());
            if (listed.isPresent() && !listed.get()) {
                throw new Failed("the tenant's LLM endpoint does not offer model " + endpoint.model() + " (" + call + ")");
            }
            return call + " answered " + status + " with the tenant's key"
                    + (listed.isPresent() ? "; model " + endpoint.model() + " is offered" : "");
        } catch (InterruptedIOException timeout) {
            throw new Failed("the tenant's LLM endpoint did not answer in time: " + call);
        } catch (IOException e) {
            boolean refused = e instanceof RefusedAddressException || e.getCause() instanceof RefusedAddressException;
            throw new Failed(refused ? "the tenant's LLM endpoint is at an address the platform may not call: "
                    + e.getMessage() : "the tenant's LLM endpoint is unreachable: " + call + " failed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether the OpenAI-style list ({@code {"data": [{"id": ...}]}}) names {@code model}; empty when it is no such list. */
    private Optional<Boolean> listsModel(ResponseBody body, String model) throws IOException {
        if (body == null || body.contentLength() > MAX_REPLY_BYTES || body.source().request(MAX_REPLY_BYTES + 1)) {
            return Optional.empty(); // too large to judge: the answer itself proved the key
        }
        JsonNode data;
        try {
            data = json.readTree(body.source().readByteArray()).path("data");
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (!data.isArray() || data.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode entry : data) {
            if (model.equals(entry.path("id").asText())) {
                return Optional.of(true);
            }
        }
        return Optional.of(false);
    }

    /** A failed check, with a message fit for the gate report. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message, null, false, false);
        }
    }
}
