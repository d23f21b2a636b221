package com.aiagents.platform.sdp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SdpReplyInterpreterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);
    private static final SdpCall CALL = SdpCall.get(List.of("requests", "42"), null);

    private final ObjectMapper json = new ObjectMapper();
    private final SdpReplyInterpreter interpreter =
            new SdpReplyInterpreter("acme", new SecretRedactor(List::of), CLOCK);

    @ParameterizedTest(name = "HTTP {0}, response_status {1}/{2} -> {3}")
    @CsvSource({
            "200, 4000, 4007, NOT_FOUND",
            "404, 4000, 4007, NOT_FOUND",
            "200, 4000, 4015, RATE_LIMITED",
            "429, 4000, 4015, RATE_LIMITED",
            "401, 4000, 4022, AUTHENTICATION",
            "200, 4000, 4022, AUTHENTICATION",
            "403, 4000, 4002, FORBIDDEN",
            "400, 4000, 4001, BAD_REQUEST",
            "400, 4000, 4012, BAD_REQUEST",
            "200, 4000, 4999, BAD_REQUEST",
            "500, 4000, 4007, SERVER_ERROR",
            "401, 4000, 4999, AUTHENTICATION",
            "200, 4007,     , NOT_FOUND",
    })
    void classifiesFailedEnvelopes(int http, int statusCode, Integer detailCode, SdpErrorKind expected) {
        String messages = detailCode == null ? "" : ",\"messages\":[{\"status_code\":" + detailCode + "}]";
        String body = "{\"response_status\":{\"status_code\":" + statusCode + messages + ",\"status\":\"failed\"}}";

        assertThat(failure(http, body, null).kind()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "HTTP {0} without an SDP body -> {1}")
    @CsvSource({"401, AUTHENTICATION", "403, FORBIDDEN", "404, NOT_FOUND", "405, BAD_REQUEST",
            "429, RATE_LIMITED", "502, SERVER_ERROR", "504, SERVER_ERROR"})
    void classifiesBareHttpStatuses(int http, SdpErrorKind expected) {
        assertThat(failure(http, null, null).kind()).isEqualTo(expected);
    }

    @Test
    void statusCodesMayBeStringsAndTheArrayMayHoldTheFailureSecond() throws Exception {
        String body = "{\"response_status\":[{\"status_code\":\"2000\"},"
                + "{\"status_code\":\"4000\",\"messages\":[{\"status_code\":\"4007\"}]}]}";

        assertThat(failure(200, body, null).sdpStatusCode()).hasValue(4007);
    }

    @Test
    void aSuccessfulEnvelopeReturnsTheBody() throws Exception {
        String body = "{\"request\":{\"id\":\"42\"},\"response_status\":[{\"status_code\":2000,\"status\":\"success\"}]}";

        assertThat(interpreter.successBodyOrThrow(CALL, reply(200, body, null), false).at("/request/id").asText())
                .isEqualTo("42");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(failure(429, null, "12").retryAfter()).hasValue(Duration.ofSeconds(12));
        assertThat(failure(429, null, "Sat, 01 Mar 2025 09:01:30 GMT").retryAfter()).hasValue(Duration.ofSeconds(90));
        assertThat(failure(429, null, "soon").retryAfter()).isEmpty();
        assertThat(failure(503, null, "12").retryAfter()).as("only rate limits carry it").isEmpty();
    }

    @Test
    void credentialRejectionIsA401OrA4022() throws Exception {
        assertThat(interpreter.isCredentialRejection(reply(401, null, null))).isTrue();
        assertThat(interpreter.isCredentialRejection(reply(200,
                "{\"response_status\":{\"status_code\":4000,\"messages\":[{\"status_code\":4022}]}}", null))).isTrue();
        assertThat(interpreter.isCredentialRejection(reply(403, null, null))).isFalse();
    }

    private SdpException failure(int http, String body, String retryAfter) {
        SdpException e = catchThrowableOfType(SdpException.class,
                () -> interpreter.successBodyOrThrow(CALL, reply(http, body, retryAfter), false));
        assertThat(e).as("expected a failure").isNotNull();
        return e;
    }

    private SdpReply reply(int http, String body, String retryAfter) {
        try {
            return new SdpReply(http, body == null ? null : json.readTree(body), body != null, retryAfter);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
