package com.aiagents.platform.common.tracing;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code tracing:} section of a service's config (see docs/tracing.md):
 * <pre>
 * tracing:
 *   enabled: ${OTEL_ENABLED:-false}
 *   endpoint: ${OTEL_EXPORTER_OTLP_ENDPOINT:-http://127.0.0.1:4318}
 *   serviceName: ${OTEL_SERVICE_NAME:-webhook-gateway}
 *   samplingRatio: ${OTEL_SAMPLING_RATIO:-1.0}
 * </pre>
 * Disabled (the default) means a no-op OpenTelemetry: no SDK, no exporter, no threads.
 */
public class TracingConfig {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318";
    static final String TRACES_PATH = "/v1/traces";

    /** Off unless turned on, so tests and local runs never try to reach a collector. */
    @JsonProperty
    private boolean enabled = false;

    /**
     * The collector's OTLP/HTTP base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} means it
     * ({@code /v1/traces} is appended unless already there). Jaeger accepts OTLP on 4318.
     */
    @NotNull
    @JsonProperty
    private String endpoint = DEFAULT_ENDPOINT;

    /** {@code service.name} in the trace; blank means the application's name. */
    @JsonProperty
    private String serviceName;

    /**
     * Share of new traces recorded, 0..1. Parent-based: a request that arrives with a sampled
     * (or unsampled) traceparent keeps that decision, so a trace is whole or absent across
     * services. 1.0 because one ticket's trace is what the runbooks look for and webhook volume
     * is low (rate-limited per tenant); lower it at high volume.
     */
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    @JsonProperty
    private double samplingRatio = 1.0;

    /** How long one export may take before it is abandoned (spans dropped, service unaffected). */
    @NotNull
    @JsonProperty
    private Duration exportTimeout = Duration.seconds(10);

    /** How often finished spans are sent in a batch. */
    @NotNull
    @JsonProperty
    private Duration scheduleDelay = Duration.seconds(2);

    /** Spans held for export at most; beyond that new spans are dropped, never blocking a request. */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int maxQueueSize = 2048;

    @Min(1)
    @Max(100_000)
    @JsonProperty
    private int maxExportBatchSize = 512;

    public boolean isEnabled() {
        return enabled;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getServiceName() {
        return serviceName;
    }

    public double getSamplingRatio() {
        return samplingRatio;
    }

    public Duration getExportTimeout() {
        return exportTimeout;
    }

    public Duration getScheduleDelay() {
        return scheduleDelay;
    }

    public int getMaxQueueSize() {
        return maxQueueSize;
    }

    public int getMaxExportBatchSize() {
        return maxExportBatchSize;
    }

    public TracingConfig setEnabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public TracingConfig setEndpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    public TracingConfig setServiceName(String serviceName) {
        this.serviceName = serviceName;
        return this;
    }

    public TracingConfig setSamplingRatio(double samplingRatio) {
        this.samplingRatio = samplingRatio;
        return this;
    }

    public TracingConfig setExportTimeout(Duration exportTimeout) {
        this.exportTimeout = exportTimeout;
        return this;
    }

    public TracingConfig setScheduleDelay(Duration scheduleDelay) {
        this.scheduleDelay = scheduleDelay;
        return this;
    }

    /** The configured service name, or {@code fallback} when none (or an unreplaced placeholder) is set. */
    String serviceNameOr(String fallback) {
        return PlatformConfigs.isUnset(serviceName) ? fallback : serviceName.trim();
    }

    /** Where spans are POSTed: the endpoint with {@code /v1/traces}, as OTLP/HTTP defines it. */
    String tracesUrl() {
        String base = PlatformConfigs.isUnset(endpoint) ? DEFAULT_ENDPOINT : endpoint.trim();
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("tracing.endpoint must be an http(s) URL of an OTLP/HTTP collector");
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
    }
}
