package com.aiagents.platform.worker.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantLlmEndpoint;
import com.aiagents.platform.sdp.net.NetworkGuards;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import io.dropwizard.util.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A tenant's own LLM endpoint is a tenant-supplied address: with SDP_ALLOW_PRIVATE_NETWORKS=false
 * the worker refuses one on loopback (or plain http) before sending anything, its key included,
 * and does not retry it; with the switch on (local run, tests) the same endpoint is called.
 */
class TenantLlmEndpointGuardTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private ChatCompletionsClient client(boolean allowPrivateNetworks) {
        LlmSettings settings = new LlmSettings();
        settings.setTimeout(Duration.seconds(2));
        settings.setRetryWait(Duration.milliseconds(1));
        return ChatCompletionsClient.forTenantEndpoints(settings, NetworkGuards.guarded(new OkHttpClient(), Dns.SYSTEM,
                new NetworkPolicy(allowPrivateNetworks, List.of())), JsonMapper.create());
    }

    private TenantLlmEndpoint endpoint() {
        return new TenantLlmEndpoint(server.url("/v1").toString(), "sk-tenant-secret", "acme/model");
    }

    @Test
    void aLoopbackEndpointIsRefusedBeforeAnyRequestIsSent() {
        assertThatThrownBy(() -> client(false).complete(endpoint(), "acme", new Prompt("s", "u"), 100))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.reason()).isEqualTo("llm_refused_address");
                    assertThat(e.getMessage()).doesNotContain("sk-tenant-secret");
                });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withPrivateNetworksAllowedTheTenantsEndpointIsCalledWithItsKeyAndModel() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"model\":\"acme/model\",\"choices\":[{\"message\":{\"content\":\"hello\"}}]}").build());

        ChatCompletion completion = client(true).complete(endpoint(), "acme", new Prompt("s", "u"), 100);

        assertThat(completion.content()).isEqualTo("hello");
        var recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer sk-tenant-secret");
        assertThat(recorded.getBody().utf8()).contains("\"model\":\"acme/model\"");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    }
}
