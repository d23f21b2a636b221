package com.aiagents.platform.localrun;

import com.aiagents.platform.api.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The few HTTP calls the launcher makes, JSON in and out. */
final class HttpJson {
    static final ObjectMapper MAPPER = JsonMapper.create();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Status and parsed body (MissingNode when the body is not JSON). */
    record Reply(int status, JsonNode body, String raw) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A short reason for an error: the JSON error's message, else the status. */
        String problem() {
            String message = body.path("message").asText("");
            return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        }
    }

    Reply get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        return send(request(url, headers).GET());
    }

    Reply json(String method, String url, Map<String, String> headers, Object body)
            throws IOException, InterruptedException {
        return send(request(url, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Reply form(String url, Map<String, String> headers, Map<String, String> fields)
            throws IOException, InterruptedException {
        String encoded = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder request(String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        headers.forEach(builder::setHeader);
        return builder;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            body = MissingNode.getInstance();
        }
        return new Reply(response.statusCode(), body, response.body());
    }
}
