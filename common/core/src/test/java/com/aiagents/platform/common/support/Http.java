package com.aiagents.platform.common.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A tiny HTTP client for tests against a running Dropwizard app: status, content type, headers, body. */
public final class Http {
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();

    private Http() {
    }

    public record Reply(int status, String contentType, Headers headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    public static Reply get(String url, String... headerPairs) {
        return send(url, "GET", null, null, headerPairs);
    }

    public static Reply send(String url, String method, String contentType, String body, String... headerPairs) {
        Request.Builder request = new Request.Builder().url(url);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        RequestBody requestBody = body == null ? null : RequestBody.create(body, MediaType.get(contentType));
        request.method(method, requestBody);
        try (Response response = CLIENT.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.header("Content-Type", ""), response.headers(),
                    response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends raw bytes (for requests no well-behaved client would send) and returns the raw answer. */
    public static String raw(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
