package com.aiagents.platform.testing.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A local OpenTelemetry collector for tests: accepts OTLP/HTTP protobuf at {@code /v1/traces} on
 * a free loopback port and keeps every span (decoded) and every payload (raw). Point a service
 * at it with {@code tracing.enabled=true}, {@code tracing.endpoint=}{@link #endpoint()}; the spans
 * arrive after the service's batch delay, so wait for them (Awaitility), or stop the service first
 * (it flushes on stop).
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "otlp-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final boolean keep;
    private long spanCount;

    private OtlpReceiver(boolean keep) throws IOException {
        this.keep = keep;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static OtlpReceiver start() {
        return start(true);
    }

    /**
     * A receiver that decodes and counts spans but keeps neither them nor the payloads: for a
     * benchmark exporting ~10k spans/s, where keeping them would load the heap being measured.
     */
    public static OtlpReceiver startCounting() {
        return start(false);
    }

    private static OtlpReceiver start(boolean keep) {
        try {
            return new OtlpReceiver(keep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as the OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The received spans with this name, in arrival order. */
    public synchronized List<ReceivedSpan> spans(String name) {
        return spans.stream().filter(span -> span.name().equals(name)).toList();
    }

    /** How many spans arrived (also when they are not kept). */
    public synchronized long spanCount() {
        return spanCount;
    }

    /** How many export requests arrived (kept ones only). */
    public synchronized int exports() {
        return payloads.size();
    }

    /**
     * Whether any payload holds {@code text} (UTF-8). Protobuf stores strings as plain UTF-8, so a
     * secret that reached any span field, attribute, event or resource is found here.
     */
    public synchronized boolean anyPayloadContains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return payloads.stream().anyMatch(payload -> indexOf(payload, needle) >= 0);
    }

    /** Why payloads were refused as malformed (empty unless the exporter and this decoder disagree). */
    public synchronized List<String> rejections() {
        return List.copyOf(rejections);
    }

    public synchronized void reset() {
        spans.clear();
        payloads.clear();
        spanCount = 0;
        rejections.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = gunzip.readAllBytes();
                }
            }
            List<ReceivedSpan> decoded;
            try {
                decoded = OtlpTraceDecoder.decode(body);
            } catch (IllegalArgumentException malformed) {
                synchronized (this) {
                    rejections.add(malformed.getMessage());
                }
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            synchronized (this) {
                spanCount += decoded.size();
                if (keep) {
                    payloads.add(body);
                    spans.addAll(decoded);
                }
            }
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
