package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services' SDKs that all export, synchronously, into one {@link InMemorySpanExporter}: each with
 * its own {@code service.name}, as separate processes would be, sampling everything.
 */
final class InMemoryTracing implements AutoCloseable {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Map<String, OpenTelemetrySdk> sdks = new ConcurrentHashMap<>();

    /** The SDK of {@code serviceName}, made on first use. */
    OpenTelemetrySdk sdk(String serviceName) {
        return sdks.computeIfAbsent(serviceName, name -> OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name)))
                        .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build());
    }

    PlatformTracing tracing(String serviceName) {
        return PlatformTracing.of(sdk(serviceName));
    }

    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    SpanData span(String name) {
        List<SpanData> named = spans().stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", got " + names());
        }
        return named.get(0);
    }

    List<String> names() {
        return spans().stream().map(SpanData::getName).toList();
    }

    void reset() {
        exporter.reset();
    }

    /**
     * Every string a span carries to a collector: name, attribute keys and values, events, links,
     * status description and resource. What a secret scan must search.
     */
    static List<String> everythingIn(SpanData span) {
        List<String> out = new ArrayList<>();
        out.add(span.getName());
        out.add(span.getStatus().getDescription());
        span.getAttributes().forEach((key, value) -> out.add(key.getKey() + "=" + value));
        span.getResource().getAttributes().forEach((key, value) -> out.add(key.getKey() + "=" + value));
        span.getEvents().forEach(event -> {
            out.add(event.getName());
            event.getAttributes().forEach((key, value) -> out.add(key.getKey() + "=" + value));
        });
        span.getLinks().forEach(link -> link.getAttributes().forEach((key, value) -> out.add(key.getKey() + "=" + value)));
        return out;
    }

    /** The spans' strings that contain {@code secret}; empty when none does. */
    List<String> stringsContaining(String secret) {
        return spans().stream().flatMap(span -> everythingIn(span).stream()).filter(s -> s.contains(secret)).toList();
    }

    @Override
    public void close() {
        sdks.values().forEach(OpenTelemetrySdk::close);
    }
}
