package com.aiagents.platform.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Shared helpers for the client tests: recorded replies, tiny delays, form decoding. */
final class SdpTestSupport {

    static final String API_KEY = "SDP-TECH-KEY-5f1c2e9a";
    static final String CLIENT_ID = "1000.CLIENTID0042";
    static final String CLIENT_SECRET = "client-secret-9b7d1a";
    static final String REFRESH_TOKEN = "1000.refresh.token.77aa";

    private SdpTestSupport() {
    }

    /**
     * Retries after 1-5 ms, a circuit breaker that will not open by accident, and a Retry-After
     * honoured up to 20 ms: the tests exercise the policies without waiting for them. Private
     * networks allowed, as SDP_ALLOW_PRIVATE_NETWORKS=true does in every test run.
     */
    static SdpClientConfig fastConfig() {
        return SdpClientConfig.builder()
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .retry(3, Duration.ofMillis(1), Duration.ofMillis(5))
                .maxRetryAfterWait(Duration.ofMillis(20))
                .circuitBreaker(100, 100, 50f, Duration.ofMinutes(1), 1)
                // MockWebServer listens on 127.0.0.1 over http
                .allowPrivateNetworks(true)
                .build();
    }

    static String fixture(String name) {
        try (InputStream in = SdpTestSupport.class.getResourceAsStream("/sdp-replies/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json;charset=UTF-8")
                .body(body)
                .build();
    }

    static MockResponse fixtureReply(String name) {
        return json(200, fixture(name));
    }

    static MockResponse tokenReply(String accessToken) {
        return json(200, "{\"access_token\":\"" + accessToken + "\",\"api_domain\":\"https://www.zohoapis.com\","
                + "\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    /** The decoded fields of an {@code application/x-www-form-urlencoded} body. */
    static Map<String, String> formFields(RecordedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** A local port nobody listens on (bound then released), for connection-refused cases. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
