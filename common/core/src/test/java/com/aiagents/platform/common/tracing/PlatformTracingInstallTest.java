package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.support.Http;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link PlatformTracing#install} from config: off by default, and a real OTLP/HTTP export when on. */
class PlatformTracingInstallTest {
    @StartStop
    private final MockWebServer collector = new MockWebServer();

    private static Set<String> exportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("BatchSpanProcessor"))
                .collect(Collectors.toSet());
    }

    private static DropwizardTestSupport<TracingTestApp.Config> app(ConfigOverride... tracing) {
        TracingTestApp.inMemory = null;
        ConfigOverride[] overrides = Arrays.copyOf(tracing, tracing.length + 1);
        // the test client keeps its connection alive: do not wait for it when stopping
        overrides[tracing.length] = ConfigOverride.config("server.shutdownGracePeriod", "0 seconds");
        return new DropwizardTestSupport<>(TracingTestApp.class, ResourceHelpers.resourceFilePath("test-server.yml"),
                overrides);
    }

    @Test
    void disabledByDefaultIsANoOpWithNoFilterAndNoExporterThread() throws Exception {
        Set<String> before = exportThreads();
        DropwizardTestSupport<TracingTestApp.Config> app = app();
        app.before();
        try {
            PlatformTracing tracing = TracingTestApp.installed;
            assertThat(tracing.enabled()).isFalse();
            assertThat(tracing.openTelemetry()).isSameAs(OpenTelemetry.noop());
            assertThat(app.getEnvironment().jersey().getResourceConfig().getInstances())
                    .noneMatch(ServerTracing.class::isInstance);
            assertThat(Http.get("http://127.0.0.1:" + app.getLocalPort() + "/tenants/acme-corp/things/lamp",
                    "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").body())
                    .doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
            try (SpanScope span = tracing.span(SpanNames.JOB_QUEUED).open()) {
                assertThat(span.span().getSpanContext().isValid()).isFalse();
            }
            assertThat(exportThreads()).isEqualTo(before);
        } finally {
            app.after();
        }
        assertThat(collector.getRequestCount()).isZero();
    }

    @Test
    void enabledExportsOtlpProtobufToTheCollectorAndFlushesOnStop() throws Exception {
        collector.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/x-protobuf").build();
            }
        });
        String secret = "webhook-secret-0123456789abcdef";
        DropwizardTestSupport<TracingTestApp.Config> app = app(
                ConfigOverride.config("tracing.enabled", "true"),
                ConfigOverride.config("tracing.endpoint", collector.url("/").toString()),
                ConfigOverride.config("tracing.serviceName", "webhook-gateway"),
                ConfigOverride.config("tracing.scheduleDelay", "1 hour")); // only the stop flushes
        app.before();
        try {
            assertThat(TracingTestApp.installed.enabled()).isTrue();
            assertThat(Http.get("http://127.0.0.1:" + app.getLocalPort() + "/tenants/acme-corp/things/lamp?s=" + secret,
                    "X-Webhook-Token", secret).status()).isEqualTo(200);
            assertThat(collector.getRequestCount()).isZero();
        } finally {
            app.after();
        }

        RecordedRequest export = collector.takeRequest(10, TimeUnit.SECONDS);
        assertThat(export).as("an export arrived").isNotNull();
        assertThat(export.getMethod()).isEqualTo("POST");
        assertThat(export.getUrl().encodedPath()).isEqualTo("/v1/traces");
        assertThat(export.getHeaders().get("Content-Type")).isEqualTo("application/x-protobuf");
        // protobuf keeps strings as UTF-8 bytes: what is in a span is in the payload as text
        String payload = new String(export.getBody().toByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(payload).contains("webhook-gateway", "GET /tenants/{tenant_id}/things/{thing}", "acme-corp");
        assertThat(payload).doesNotContain(secret);
        // and the SDK was shut down with the server: nothing is recorded any more
        assertThat(TracingTestApp.installed.tracer().spanBuilder("late").startSpan().isRecording()).isFalse();
    }
}
