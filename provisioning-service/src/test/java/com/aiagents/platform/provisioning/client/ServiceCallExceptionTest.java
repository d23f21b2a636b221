package com.aiagents.platform.provisioning.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import okhttp3.Interceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which peer errors the onboarding saga retries within a step ({@link ServiceCallException#isTransient()}):
 * no answer (refused, reset, timed out) and a gateway's 502/503/504 are worth another try; a refusal
 * the peer meant (400, 404, 409) or its own failure (500) is not, since repeating the call would
 * get the same answer. The exceptions are the ones {@link JsonServiceClient} really makes: from a
 * peer's error answer, and from a call to a socket that accepts and never answers.
 */
class ServiceCallExceptionTest {
    private static final String TOKEN = "test-provisioning-token-0123456789";
    private static final Interceptor NO_TRACING = chain -> chain.proceed(chain.request());

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void aGatewaysUnavailableAnswerIsTransient(int status) {
        assertThat(answered(status).isTransient()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 500})
    void anAnswerThePeerMeantIsNotTransient(int status) {
        ServiceCallException e = answered(status);
        assertThat(e.isTransient()).as("status " + status).isFalse();
        assertThat(e.status()).isEqualTo(status);
    }

    @Test
    void noAnswerAtAllIsTransient() {
        ServiceCallException e = new ServiceCallException("tenant-service", 0, "tenant_service_unavailable",
                "tenant-service unreachable (IOException)", java.util.List.of(), true);
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void aRefusedConnectionIsTransientAndNeverReachedThePeer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (JsonServiceClient client = client(port, Duration.seconds(5))) {
            ServiceCallException e = callFails(client);
            assertThat(e.isTransient()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.outcomeUnknown()).as("refused: the request was never sent").isFalse();
        }
    }

    @Test
    void aTimeoutIsTransientWithItsOutcomeUnknown() throws IOException {
        // accepts the connection, reads nothing, never answers: the call runs into its timeout
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             JsonServiceClient client = client(silent.getLocalPort(), Duration.milliseconds(300))) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    ignored.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            ServiceCallException e = callFails(client);

            assertThat(e.getMessage()).startsWith("tenant-service timed out");
            assertThat(e.isTransient()).isTrue();
            assertThat(e.outcomeUnknown()).as("sent, no answer: the peer may have acted").isTrue();
        }
    }

    private static ServiceCallException answered(int status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("code", status).put("error", "slug_" + status)
                .put("message", "the peer's own words");
        try (JsonServiceClient client = client(1, Duration.seconds(1))) {
            return client.failure(new JsonServiceClient.Reply(status, body), "do something");
        }
    }

    private static ServiceCallException callFails(JsonServiceClient client) {
        return catchThrowableOfType(ServiceCallException.class, () -> client.call("POST",
                url -> url.addPathSegments("v1/tenants"), JsonNodeFactory.instance.objectNode(), null));
    }

    private static JsonServiceClient client(int port, Duration timeout) {
        return new JsonServiceClient("tenant-service", new ServiceEndpoint("http://127.0.0.1:" + port, timeout), TOKEN,
                null, NO_TRACING);
    }
}
