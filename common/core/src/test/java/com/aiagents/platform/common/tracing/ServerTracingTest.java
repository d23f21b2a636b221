package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.support.Http;
import com.aiagents.platform.common.support.Http.Reply;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server filter and client interceptor inside a real Dropwizard app, exporting to memory. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServerTracingTest {
    private static final InMemoryTracing TRACES = new InMemoryTracing();
    private static final ObjectMapper JSON = new ObjectMapper();
    // an upstream caller's context: trace 4bf9..., its span 00f0...
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";

    static {
        TracingTestApp.inMemory = TRACES.sdk("tracing-test-app");
    }

    private static final DropwizardAppExtension<TracingTestApp.Config> APP =
            new DropwizardAppExtension<>(TracingTestApp.class, ResourceHelpers.resourceFilePath("test-server.yml"));

    @StartStop
    private final MockWebServer downstream = new MockWebServer();

    @BeforeEach
    void reset() {
        TRACES.reset();
    }

    @AfterAll
    static void close() {
        TracingTestApp.inMemory = null;
        TRACES.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    private static JsonNode json(Reply reply) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static SpanData serverSpan() {
        return TRACES.spans().stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst()
                .orElseThrow(() -> new AssertionError("no server span in " + TRACES.names()));
    }

    @Test
    void aRequestWithATraceparentContinuesTheCallersTrace() throws Exception {
        JsonNode seen = json(Http.get(url("/tenants/acme-corp/things/lamp"), "traceparent", TRACEPARENT));

        SpanData span = serverSpan();
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getName()).isEqualTo("GET /tenants/{tenant_id}/things/{thing}");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/tenants/{tenant_id}/things/{thing}");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey(TraceAttributes.TENANT_ID))).isEqualTo("acme-corp");
        // the resource ran inside the span
        assertThat(seen.get("current_trace_id").asText()).isEqualTo(TRACE_ID);
        assertThat(seen.get("current_span_id").asText()).isEqualTo(span.getSpanId());
    }

    @Test
    void aRequestWithoutTraceparentStartsItsOwnTraceAndLeavesNothingBehindOnTheThread() throws Exception {
        json(Http.get(url("/tenants/acme-corp/things/lamp"), "traceparent", TRACEPARENT));
        for (int i = 0; i < 5; i++) { // several requests, so pooled threads that served the first are reused
            TRACES.reset();
            JsonNode seen = json(Http.get(url("/tenants/acme-corp/things/lamp")));
            SpanData span = serverSpan();
            assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
            assertThat(span.getParentSpanContext().isValid()).isFalse();
            assertThat(seen.get("mdc_trace_id").asText()).isEqualTo(span.getTraceId());
        }
    }

    @Test
    void logLinesWrittenDuringARequestCarryItsTraceAndSpanIdsAndTenant() throws Exception {
        try (LogCapture logs = LogCapture.attach()) {
            JsonNode seen = json(Http.get(url("/tenants/acme-corp/things/lamp"), "traceparent", TRACEPARENT));

            SpanData span = serverSpan();
            assertThat(seen.get("mdc_trace_id").asText()).isEqualTo(TRACE_ID);
            assertThat(seen.get("mdc_span_id").asText()).isEqualTo(span.getSpanId());
            assertThat(seen.get("mdc_tenant_id").asText()).isEqualTo("acme-corp");
            assertThat(logs.linesContaining("serving a thing")).singleElement().asString()
                    .contains("trace_id=" + TRACE_ID, "span_id=" + span.getSpanId(), "tenant_id=acme-corp");
        }
    }

    @Test
    void anOutgoingCallCarriesTheTraceparentOfItsClientSpan() throws Exception {
        TracingTestApp.downstream = downstream.url("/internal/v1/tenants/acme-corp/runtime-config").toString();
        downstream.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        JsonNode seen = json(Http.send(url("/tenants/acme-corp/things/call"), "POST", "application/json", "{}",
                "traceparent", TRACEPARENT));

        RecordedRequest call = downstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(call).isNotNull();
        SpanData server = serverSpan();
        SpanData client = TRACES.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(call.getHeaders().get("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + client.getSpanId() + "-01");
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(client.getName()).isEqualTo("HTTP GET " + downstream.url("/").host());
        assertThat(client.getAttributes().get(AttributeKey.stringKey(TraceAttributes.TENANT_ID))).isEqualTo("acme-corp");
        assertThat(client.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(seen.get("downstream_status").asText()).isEqualTo("200");
    }

    @Test
    void aQueryTenantIdIsRecordedOnlyWhenItIsATenantId() throws Exception {
        json(Http.send(url("/webhook/servicedesk?tenant_id=acme-corp"), "POST", "application/json", "{}"));
        assertThat(serverSpan().getName()).isEqualTo("POST /webhook/servicedesk");
        assertThat(serverSpan().getAttributes().get(AttributeKey.stringKey(TraceAttributes.TENANT_ID))).isEqualTo("acme-corp");

        TRACES.reset();
        JsonNode seen = json(Http.send(url("/webhook/servicedesk?tenant_id=Robert%27);DROP%20TABLE"), "POST",
                "application/json", "{}"));
        assertThat(serverSpan().getAttributes().get(AttributeKey.stringKey(TraceAttributes.TENANT_ID))).isNull();
        assertThat(seen.has("mdc_tenant_id")).isFalse();
    }

    @Test
    void unmatchedAndFailingRequestsAreTracedWithStatusButNoMessage() {
        assertThat(Http.get(url("/no/such/route")).status()).isEqualTo(404);
        assertThat(serverSpan().getName()).isEqualTo("GET");
        assertThat(serverSpan().getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
        assertThat(serverSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        TRACES.reset();
        String secret = "s3cr3t-in-an-exception-message";
        assertThat(Http.get(url("/tenants/acme-corp/things/boom?detail=" + secret)).status()).isEqualTo(500);
        assertThat(serverSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(TRACES.stringsContaining(secret)).isEmpty();
    }

    @Test
    void noSpanHoldsASecretFromHeadersQueryOrBody() throws Exception {
        String bearer = "bearer-token-0123456789abcdef";
        String signature = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        String description = "printer on floor 3 is on fire, call Jane at 555-0100";
        String inputData = "input-data-secret-XYZ";
        TracingTestApp.downstream = downstream.url("/api/v3/requests?input_data=" + inputData).toString();
        downstream.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        json(Http.send(url("/webhook/servicedesk?tenant_id=acme-corp&token=" + bearer), "POST", "application/json",
                "{\"ticket_id\":\"TKT-1\",\"description\":\"" + description + "\"}",
                "Authorization", "Bearer " + bearer, "X-ServiceDesk-Signature", signature));
        json(Http.send(url("/tenants/acme-corp/things/call"), "POST", "application/json", "{}",
                "Authorization", "Bearer " + bearer));

        assertThat(TRACES.spans()).hasSizeGreaterThanOrEqualTo(3);
        for (String secret : new String[] {bearer, signature, description, "floor 3", inputData}) {
            assertThat(TRACES.stringsContaining(secret)).as("span strings containing %s", secret).isEmpty();
        }
    }
}
