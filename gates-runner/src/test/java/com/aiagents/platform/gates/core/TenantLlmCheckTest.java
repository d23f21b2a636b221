package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantLlmEndpoint;
import com.aiagents.platform.sdp.net.NetworkGuards;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Gate 4's real call to a tenant's own LLM endpoint, against MockWebServer: the key and model it
 * needs, and a clear failure (never carrying the key) for a wrong key, an unlisted model, an
 * unreachable endpoint and an address the platform may not call.
 */
class TenantLlmCheckTest {
    private static final String KEY = "sk-tenant-key-0123456789";
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"acme/llama-3-70b\"},{\"id\":\"other\"}]}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private static TenantLlmCheck check(boolean allowPrivateNetworks) {
        return new TenantLlmCheck(NetworkGuards.guarded(new OkHttpClient(), Dns.SYSTEM,
                new NetworkPolicy(allowPrivateNetworks, List.of())), new ObjectMapper());
    }

    private TenantLlmEndpoint endpoint(String model) {
        return new TenantLlmEndpoint(server.url("/v1").toString(), KEY, model);
    }

    @Test
    void passesWhenTheEndpointAcceptsTheKeyAndListsTheModel() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(MODELS).build());

        String detail = check(true).check(endpoint("acme/llama-3-70b"));

        assertThat(detail).contains("answered 200", "acme/llama-3-70b is offered").doesNotContain(KEY);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void aWrongKeyFailsSayingSo() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"Incorrect API key\"}}").build());

        assertThatThrownBy(() -> check(true).check(endpoint("acme/llama-3-70b")))
                .isInstanceOf(TenantLlmCheck.Failed.class)
                .hasMessageContaining("refused its API key").hasMessageContaining("401").hasMessageNotContaining(KEY);
    }

    @Test
    void aModelTheEndpointDoesNotOfferFails() {
        server.enqueue(new MockResponse.Builder().code(200).body(MODELS).build());

        assertThatThrownBy(() -> check(true).check(endpoint("gpt-9")))
                .hasMessageContaining("does not offer model gpt-9");
    }

    @Test
    void anUnreachableEndpointFailsSayingSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TenantLlmEndpoint gone = new TenantLlmEndpoint("http://127.0.0.1:" + closedPort + "/v1", KEY, "m");

        assertThatThrownBy(() -> check(true).check(gone))
                .isInstanceOf(TenantLlmCheck.Failed.class)
                .hasMessageContaining("unreachable").hasMessageNotContaining(KEY);
    }

    @Test
    void anAddressThePlatformMayNotCallIsRefusedBeforeTheKeyIsSent() {
        assertThatThrownBy(() -> check(false).check(endpoint("acme/llama-3-70b")))
                .isInstanceOf(TenantLlmCheck.Failed.class)
                .hasMessageContaining("may not call").hasMessageNotContaining(KEY);
        assertThat(server.getRequestCount()).isZero();
    }
}
