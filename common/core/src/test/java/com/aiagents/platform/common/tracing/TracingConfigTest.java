package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TracingConfigTest {
    private static TracingConfig parse(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(TracingConfig.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "tracing.yml");
    }

    @Test
    void defaultsAreOffLocalCollectorAndEverythingSampled() throws Exception {
        TracingConfig config = parse("{}");
        assertThat(config.isEnabled()).isFalse();
        assertThat(config.tracesUrl()).isEqualTo("http://127.0.0.1:4318/v1/traces");
        assertThat(config.getSamplingRatio()).isEqualTo(1.0);
        assertThat(config.serviceNameOr("tenant-service")).isEqualTo("tenant-service");
    }

    @Test
    void bindsTheServicesYaml() throws Exception {
        TracingConfig config = parse("""
                enabled: true
                endpoint: http://jaeger:4318/
                serviceName: webhook-gateway
                samplingRatio: 0.25
                exportTimeout: 3 seconds
                scheduleDelay: 500 milliseconds
                maxQueueSize: 100
                maxExportBatchSize: 10
                """);
        assertThat(config.isEnabled()).isTrue();
        assertThat(config.tracesUrl()).isEqualTo("http://jaeger:4318/v1/traces");
        assertThat(config.serviceNameOr("x")).isEqualTo("webhook-gateway");
        assertThat(config.getSamplingRatio()).isEqualTo(0.25);
        assertThat(config.getExportTimeout().toSeconds()).isEqualTo(3);
        assertThat(config.getScheduleDelay().toMilliseconds()).isEqualTo(500);
    }

    @Test
    void aSamplingRatioOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> parse("samplingRatio: 1.5")).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("samplingRatio");
    }

    @Test
    void theEndpointMayAlreadyNameTheTracesPathButMustBeHttp() {
        assertThat(new TracingConfig().setEndpoint("https://otel.example:4318/v1/traces").tracesUrl())
                .isEqualTo("https://otel.example:4318/v1/traces");
        assertThat(new TracingConfig().setEndpoint("${OTEL_EXPORTER_OTLP_ENDPOINT}").tracesUrl())
                .isEqualTo("http://127.0.0.1:4318/v1/traces");
        assertThatThrownBy(() -> new TracingConfig().setEndpoint("jaeger:4317").tracesUrl())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void safeKeepsIdentifiersAndRefusesFreeText() {
        assertThat(TraceAttributes.safe("acme-corp")).isEqualTo("acme-corp");
        assertThat(TraceAttributes.safe("openai/gpt-4o-mini")).isEqualTo("openai/gpt-4o-mini");
        assertThat(TraceAttributes.safe("printer is on fire")).isEqualTo(TraceAttributes.REDACTED);
        assertThat(TraceAttributes.safe("x".repeat(129))).isEqualTo(TraceAttributes.REDACTED);
        assertThat(TraceAttributes.safe(null)).isNull();
    }
}
