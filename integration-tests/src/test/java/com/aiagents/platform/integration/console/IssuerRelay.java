package com.aiagents.platform.integration.console;

import java.io.IOException;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * tenant-service verifies people's tokens on its tenant endpoints only when {@code auth.users.issuerUrl}
 * is set, and then reads its own revoked-sessions feed over HTTP with a service token it does not have
 * (docs/people-and-access.md: "until it reads its own keys and revoked sessions in-process"). This
 * relay is that issuer URL in the browser tests: it forwards the key set and the feed to the real
 * tenant-service, the feed with gates-runner's service token. Nothing else passes.
 */
final class IssuerRelay extends Dispatcher implements AutoCloseable {
    private final OkHttpClient http = new OkHttpClient();
    private final MockWebServer server = new MockWebServer();
    private final String serviceToken;
    private volatile Supplier<String> target;

    IssuerRelay(String serviceToken) {
        this.serviceToken = serviceToken;
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Where tenant-service is, once it has started. */
    void forwardTo(Supplier<String> target) {
        this.target = target;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getTarget();
        if (target == null || !(path.startsWith("/.well-known/jwks.json") || path.startsWith("/internal/v1/auth/revoked-sessions"))) {
            return new MockResponse.Builder().code(404).build();
        }
        Request forward = new Request.Builder().url(target.get() + path).header("Authorization", "Bearer " + serviceToken).build();
        try (Response response = http.newCall(forward).execute()) {
            return new MockResponse.Builder().code(response.code())
                    .setHeader("Content-Type", response.header("Content-Type", "application/json"))
                    .body(response.body().string()).build();
        } catch (IOException e) {
            return new MockResponse.Builder().code(502).build();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
