package com.aiagents.platform.provisioning.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A stand-in service on a mockwebserver3 at a random port, answering through {@link #dispatch}. */
abstract class FakeService extends Dispatcher implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();

    FakeService() {
        server.setDispatcher(this);
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return url("/");
    }

    String url(String path) {
        return server.url(path).toString();
    }

    /** 401 unless the request carries {@code Bearer <token>}; null when it does. */
    static MockResponse requireToken(RecordedRequest request, String token) {
        return ("Bearer " + token).equals(request.getHeaders().get("Authorization")) ? null
                : json(401, "{\"code\":401,\"error\":\"unauthorized\",\"message\":\"a bearer token is required\"}");
    }

    static MockResponse notFound() {
        return json(404, "{\"code\":404,\"error\":\"not_found\",\"message\":\"no such endpoint\"}");
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
