package com.aiagents.platform.integration.support;

import com.aiagents.platform.tenant.testing.JsonHttp;
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

    /** A loopback port nothing listens on (it was free a moment ago and is closed now). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
