package com.aiagents.platform.tenant.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for black-box tests: real requests, raw status and body. */
public final class JsonHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final String baseUrl;

    public JsonHttp(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder());
    }

    /** Over HTTPS to a service whose certificate {@code tls} trusts. */
    public JsonHttp(String baseUrl, javax.net.ssl.SSLContext tls) {
        this(baseUrl, HttpClient.newBuilder().sslContext(tls));
    }

    private JsonHttp(String baseUrl, HttpClient.Builder client) {
        this.baseUrl = baseUrl;
        this.client = client.connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** {@code headers}: extra header name/value pairs. */
    public Reply post(String path, String token, String body, String... headers) {
        return send("POST", path, token, body, headers);
    }

    public Reply patch(String path, String token, String body) {
        return send("PATCH", path, token, body);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Reply send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60)) // an onboarding POST waits for its gates
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException staleConnection) {
                // Jetty closes a connection after an error answer whose request body it did not read;
                // a pooled connection can then be dead on reuse. One retry on a fresh connection.
                response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, raw body, and the body as JSON when it is JSON. */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("body is not JSON: " + body, e);
            }
        }

        /** The element of the JSON array {@code array} whose {@code field} is {@code value}. */
        public JsonNode element(String array, String field, String value) {
            for (JsonNode element : json().path(array)) {
                if (value.equals(element.path(field).asText())) {
                    return element;
                }
            }
            throw new AssertionError("no element with " + field + "=" + value + " in " + array + " of " + body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
