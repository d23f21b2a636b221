package com.aiagents.platform.worker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OTLP/HTTP collector stand-in on MockWebServer: accepts every export and keeps the protobuf
 * bodies, read as ISO-8859-1 so span names and raw trace-id bytes can be searched.
 */
public final class OtlpCollector implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final CopyOnWriteArrayList<String> bodies = new CopyOnWriteArrayList<>();

    public OtlpCollector() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getBody() != null) {
                    bodies.add(new String(request.getBody().toByteArray(), StandardCharsets.ISO_8859_1));
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** Everything exported so far, concatenated. */
    public String exported() {
        return String.join("\n", bodies);
    }

    @Override
    public void close() {
        server.close();
    }
}
