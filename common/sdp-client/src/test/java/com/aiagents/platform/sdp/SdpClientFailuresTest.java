package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpTestSupport.API_KEY;
import static com.aiagents.platform.sdp.SdpTestSupport.fixture;
import static com.aiagents.platform.sdp.SdpTestSupport.fixtureReply;
import static com.aiagents.platform.sdp.SdpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.SdpListQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SdpClientFailuresTest {

    private static final String ID = "123640000000240013";

    @StartStop
    private final MockWebServer sdp = new MockWebServer();

    private SdpClientFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @Test
    void aFailedEnvelopeInsideHttp200IsTyped() {
        sdp.enqueue(fixtureReply("error-not-found.json"));

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.NOT_FOUND);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.sdpStatusCode()).hasValue(4007);
        assertThat(e.tenantId()).isEqualTo("acme");
        assertThat(e.getMessage()).contains("GET requests/" + ID, "tenant 'acme'", "4007", "resource not found");
        assertThat(sdp.getRequestCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void aFailedArrayEnvelopeOfAListReplyIsTyped() {
        sdp.enqueue(json(400, fixture("error-bad-value-list.json")));

        SdpException e = failureOf(() -> client().listRequests(SdpListQuery.firstPage(10)));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.BAD_REQUEST);
        assertThat(e.sdpStatusCode()).hasValue(4001);
        assertThat(e.getMessage()).contains("field row_count");
    }

    @Test
    void anInvalidKeyIsAnAuthenticationErrorAndNotRetried() {
        sdp.enqueue(json(401, fixture("error-invalid-key.json")));

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.AUTHENTICATION);
        assertThat(e.sdpStatusCode()).hasValue(4022);
        assertThat(sdp.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a404WithAnHtmlBodyIsNotFound() {
        sdp.enqueue(new MockResponse.Builder().code(404).body("<html>Not Found</html>").build());

        assertThat(failureOf(() -> client().getRequest(ID)).kind()).isEqualTo(SdpErrorKind.NOT_FOUND);
    }

    @Test
    void rateLimitedThenSuccessWaitsForRetryAfterCappedByConfig() {
        SdpClient client = client();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        factory.resilienceOf("acme").orElseThrow().readRetry().getEventPublisher()
                .onRetry(event -> waits.add(event.getWaitInterval()));
        sdp.enqueue(rateLimited("1"));
        sdp.enqueue(fixtureReply("request.json"));

        assertThat(client.getRequest(ID).id()).isEqualTo(ID);

        assertThat(sdp.getRequestCount()).isEqualTo(2);
        assertThat(waits).as("Retry-After of 1s, capped at maxRetryAfterWait (backoff alone would be <= 5 ms)")
                .containsExactly(Duration.ofMillis(20));
    }

    @Test
    void rateLimitedOnEveryAttemptCarriesRetryAfter() {
        for (int i = 0; i < 3; i++) {
            sdp.enqueue(rateLimited("7"));
        }

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
        assertThat(e.sdpStatusCode()).hasValue(4015);
        assertThat(sdp.getRequestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorsOfAReadAreRetriedUntilSuccess() {
        sdp.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());
        sdp.enqueue(json(502, "{}"));
        sdp.enqueue(fixtureReply("request.json"));

        assertThat(client().getRequest(ID).id()).isEqualTo(ID);
        assertThat(sdp.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerErrorOfAPostIsNotRetriedBecauseTheNoteMayExist() {
        sdp.enqueue(json(500, "{}"));
        sdp.enqueue(fixtureReply("note-created-onprem.json"));

        SdpException e = failureOf(() -> client().addNote(ID, NewSdpNote.internal("<p>x</p>")));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.SERVER_ERROR);
        assertThat(sdp.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRateLimitedPostIsRetriedBecauseSdpDidNotApplyIt() {
        sdp.enqueue(rateLimited("0"));
        sdp.enqueue(fixtureReply("note-created-onprem.json"));

        assertThat(client().addNote(ID, NewSdpNote.internal("<p>x</p>")).id()).isEqualTo("123640000000250031");
        assertThat(sdp.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aReadTimeoutIsRetriedThenReportedAsTimeout() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(150), Duration.ofSeconds(5))
                .retry(2, Duration.ofMillis(1), Duration.ofMillis(2))
                .build());
        SdpClient client = factory.clientFor(SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY));
        for (int i = 0; i < 2; i++) {
            sdp.enqueue(fixtureReply("request.json").newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        }

        SdpException e = failureOf(() -> client.getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.TIMEOUT);
        assertThat(e.getMessage()).contains("timed out", "GET requests/" + ID);
        assertThat(sdp.getRequestCount()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsReportedAndNotRetried() {
        sdp.enqueue(json(200, "{\"request\": {\"id\": \"1\", "));

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("not JSON");
        assertThat(sdp.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSuccessWithoutTheExpectedObjectIsMalformed() {
        sdp.enqueue(fixtureReply("success.json"));

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("request has no id");
    }

    @Test
    void aRefusedConnectionIsUnreachableAndNotRetried() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig());
        SdpClient client = factory.clientFor(SdpConnection.onPrem("acme",
                "http://127.0.0.1:" + SdpTestSupport.closedPort(), API_KEY));
        List<Object> retries = new CopyOnWriteArrayList<>();
        factory.resilienceOf("acme").orElseThrow().readRetry().getEventPublisher().onRetry(retries::add);

        SdpException e = failureOf(() -> client.getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.UNREACHABLE);
        assertThat(e.getMessage()).contains("could not connect");
        assertThat(retries).isEmpty();
    }

    private SdpClient client() {
        if (factory == null) {
            factory = new SdpClientFactory(SdpTestSupport.fastConfig());
        }
        return factory.clientFor(SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY));
    }

    private static MockResponse rateLimited(String retryAfterSeconds) {
        return json(429, fixture("error-rate-limited.json")).newBuilder()
                .setHeader("Retry-After", retryAfterSeconds).build();
    }

    static SdpException failureOf(Runnable call) {
        SdpException e = catchThrowableOfType(SdpException.class, call::run);
        assertThat(e).as("expected an SdpException").isNotNull();
        return e;
    }
}
