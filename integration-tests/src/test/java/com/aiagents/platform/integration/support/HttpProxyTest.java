package com.aiagents.platform.integration.support;

import com.aiagents.platform.tenant.testing.JsonHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The fault injector itself: a caller must see a dropped connection, never an answer, when the
 * proxied service cannot be reached, as it would calling the service directly.
 */
class HttpProxyTest {

    @Test
    void anUnreachableServiceIsADroppedConnectionNotAnEmptyAnswer() throws IOException {
        try (HttpProxy proxy = new HttpProxy("http://127.0.0.1:" + closedPort())) {
            JsonHttp api = new JsonHttp(proxy.baseUrl());

            assertThatThrownBy(() -> api.get("/v1/tenants/acme", null)).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void unavailableOnceAnswersOne503WithAnErrorBodyThenForwards() throws Exception {
        try (HttpProxy proxy = new HttpProxy("http://127.0.0.1:" + closedPort())) {
            JsonHttp api = new JsonHttp(proxy.baseUrl());
            proxy.unavailableOnce(HttpProxy.call("GET", "/v1/tenants/acme"));

            JsonHttp.Reply first = api.get("/v1/tenants/acme", null);

            assertThat(first.status()).isEqualTo(503);
            assertThat(first.json().path("error").asText()).isEqualTo("service_unavailable");
            assertThat(proxy.awaitHeld(0)).isTrue();
            assertThatThrownBy(() -> api.get("/v1/tenants/acme", null)).as("forwarded, to a service that is down")
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago and is closed now). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
