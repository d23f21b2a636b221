package com.aiagents.platform.common.tracing;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;

/**
 * A service's tracing: OpenTelemetry with an OTLP/HTTP exporter when enabled, a no-op otherwise.
 * In {@code Application.run}:
 * <pre>
 * PlatformTracing tracing = PlatformTracing.install(environment, config.getTracing(), getName());
 * OkHttpClient http = new OkHttpClient.Builder().addInterceptor(tracing.clientInterceptor()).build();
 * try (SpanScope span = tracing.span(SpanNames.JOB_QUEUED).tenant(tenantId).job(jobId).open()) {
 *     job = job.withTraceparent(span.traceparent());   // across the Redis queue
 * }
 * </pre>
 * See docs/tracing.md for the span names, attributes and the rule about what never goes in.
 */
public final class PlatformTracing {
    static final String INSTRUMENTATION_SCOPE = "com.aiagents.platform";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final Interceptor PASS_THROUGH = chain -> chain.proceed(chain.request());

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final boolean enabled;

    private PlatformTracing(OpenTelemetry openTelemetry, boolean enabled) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.enabled = enabled;
    }

    /**
     * Builds tracing from the service's {@code tracing:} config. Enabled: an SDK exporting to the
     * configured collector, shut down (flushing what is buffered) when the server stops, and the
     * server filter on every JAX-RS request. Disabled: {@link #disabled()}, nothing registered.
     *
     * @param serviceName {@code service.name} unless the config names one (usually {@code getName()})
     * @throws IllegalArgumentException when enabled with an endpoint that is not an http(s) URL
     */
    public static PlatformTracing install(Environment environment, TracingConfig config, String serviceName) {
        if (!config.isEnabled()) {
            return disabled();
        }
        OpenTelemetrySdk sdk = buildSdk(config, config.serviceNameOr(serviceName));
        long timeoutMillis = config.getExportTimeout().toMilliseconds() + 1_000;
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                sdk.shutdown().join(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        });
        return install(environment, sdk);
    }

    /**
     * Tracing with a given OpenTelemetry (tests: an SDK exporting to an {@code InMemorySpanExporter})
     * and the server filter registered. The caller owns {@code openTelemetry}'s lifecycle.
     */
    public static PlatformTracing install(Environment environment, OpenTelemetry openTelemetry) {
        PlatformTracing tracing = new PlatformTracing(openTelemetry, true);
        ServerTracing server = new ServerTracing(openTelemetry, tracing.tracer);
        environment.jersey().register(server);
        return tracing;
    }

    /** Tracing with a given OpenTelemetry and no server: for code outside a Dropwizard app, and unit tests. */
    public static PlatformTracing of(OpenTelemetry openTelemetry) {
        return new PlatformTracing(openTelemetry, true);
    }

    /** No-op tracing: spans are not recorded, nothing is propagated, no thread is started. */
    public static PlatformTracing disabled() {
        return new PlatformTracing(OpenTelemetry.noop(), false);
    }

    static OpenTelemetrySdk buildSdk(TracingConfig config, String serviceName) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.tracesUrl())
                .setTimeout(config.getExportTimeout().toJavaDuration())
                .setMeterProvider(MeterProvider::noop)
                .build();
        BatchSpanProcessor batches = BatchSpanProcessor.builder(exporter)
                .setScheduleDelay(config.getScheduleDelay().toJavaDuration())
                .setExporterTimeout(config.getExportTimeout().toJavaDuration())
                .setMaxQueueSize(config.getMaxQueueSize())
                .setMaxExportBatchSize(Math.min(config.getMaxExportBatchSize(), config.getMaxQueueSize()))
                .setMeterProvider(MeterProvider::noop)
                .build();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.getSamplingRatio())))
                .addSpanProcessor(batches)
                .build();
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** False for {@link #disabled()}. */
    public boolean enabled() {
        return enabled;
    }

    /** One of our spans, named from {@link SpanNames}: set its parent and identity, then open or run it. */
    public SpanStarter span(String name) {
        return new SpanStarter(tracer, name);
    }

    /** The okhttp interceptor for this service's outgoing calls (a pass-through when disabled). */
    public Interceptor clientInterceptor() {
        return enabled ? new TracingInterceptor(openTelemetry, tracer) : PASS_THROUGH;
    }
}
