package com.aiagents.platform.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingInterceptorTest {
    private final InMemoryTracing traces = new InMemoryTracing();
    private final PlatformTracing worker = traces.tracing("enhancement-worker");

    @StartStop
    private final MockWebServer sdp = new MockWebServer();

    @AfterEach
    void close() {
        traces.close();
    }

    private static OkHttpClient client(PlatformTracing tracing) {
        return new OkHttpClient.Builder().addInterceptor(tracing.clientInterceptor())
                .callTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();
    }

    private static int get(OkHttpClient http, String url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        }
    }

    @Test
    void injectsTheClientSpansTraceparentAndRecordsNoQueryString() throws Exception {
        String refreshToken = "1000.refresh-token-abcdef";
        sdp.enqueue(new MockResponse.Builder().code(503).build());
        String url = sdp.url("/api/v3/requests/42?refresh_token=" + refreshToken + "&input_data=%7B%7D").toString();

        SpanData parent;
        try (SpanScope enhanced = worker.span(SpanNames.TICKET_ENHANCED).tenant("acme-corp").ticket("42").job("job-9").open()) {
            assertThat(get(client(worker), url)).isEqualTo(503);
        }
        parent = traces.span(SpanNames.TICKET_ENHANCED);

        RecordedRequest request = sdp.takeRequest(5, TimeUnit.SECONDS);
        SpanData call = traces.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(request.getHeaders().get("traceparent"))
                .startsWith("00-" + parent.getTraceId() + "-" + call.getSpanId() + "-")
                .matches(".*-0[13]"); // sampled
        assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(call.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/api/v3/requests/42");
        assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
        assertThat(call.getAttributes().get(AttributeKey.stringKey(TraceAttributes.TICKET_ID))).isEqualTo("42");
        assertThat(call.getAttributes().get(AttributeKey.stringKey(TraceAttributes.JOB_ID))).isEqualTo("job-9");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(traces.stringsContaining(refreshToken)).isEmpty();
        assertThat(traces.stringsContaining("input_data")).isEmpty();
    }

    @Test
    void aCallWithoutAnEnclosingSpanStartsATraceOfItsOwn() throws Exception {
        sdp.enqueue(new MockResponse.Builder().code(200).build());
        assertThat(get(client(worker), sdp.url("/").toString())).isEqualTo(200);

        SpanData call = traces.spans().get(0);
        assertThat(call.getParentSpanContext().isValid()).isFalse();
        assertThat(sdp.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("traceparent")).contains(call.getTraceId());
    }

    @Test
    void aConnectionFailureMarksTheSpanWithTheExceptionTypeOnly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/oauth/v2/token?client_secret=zoho-client-secret";
        assertThatThrownBy(() -> get(client(worker), url)).isInstanceOf(IOException.class);

        SpanData call = traces.spans().get(0);
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("error.type"))).startsWith("java.net.");
        assertThat(call.getEvents()).isEmpty();
        assertThat(traces.stringsContaining("zoho-client-secret")).isEmpty();
    }

    @Test
    void disabledTracingSendsNoTraceparentAndRecordsNothing() throws Exception {
        sdp.enqueue(new MockResponse.Builder().code(200).build());
        assertThat(get(client(PlatformTracing.disabled()), sdp.url("/").toString())).isEqualTo(200);

        assertThat(sdp.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("traceparent")).isNull();
        assertThat(traces.spans()).isEmpty();
    }
}
