package com.aiagents.platform.common.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck.Result;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpDependencyHealthCheckTest {
    @StartStop
    private final MockWebServer peer = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient();

    private HttpDependencyHealthCheck check(String path, Duration timeout) {
        return new HttpDependencyHealthCheck(client, peer.url(path).toString(), timeout);
    }

    @Test
    void twoHundredIsHealthy() throws Exception {
        peer.enqueue(new MockResponse.Builder().code(200).body("{\"healthy\":true}").build());
        Result result = check("/healthcheck", Duration.ofSeconds(2)).execute();
        assertThat(result.isHealthy()).isTrue();
        assertThat(peer.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/healthcheck");
    }

    @Test
    void errorStatusIsUnhealthy() {
        peer.enqueue(new MockResponse.Builder().code(503).build());
        Result result = check("/healthcheck", Duration.ofSeconds(2)).execute();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).endsWith("answered 503");
    }

    @Test
    void slowPeerIsUnhealthyWithinTheTimeout() {
        peer.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
        long started = System.nanoTime();
        Result result = check("/healthcheck", Duration.ofMillis(300)).execute();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("failed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void credentialsInTheUrlAreNotShown() {
        peer.enqueue(new MockResponse.Builder().code(500).build());
        String url = peer.url("/healthcheck").newBuilder().username("svc").password("peer-secret")
                .addQueryParameter("token", "query-secret").build().toString();
        Result result = new HttpDependencyHealthCheck(client, url).execute();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("/healthcheck").doesNotContain("peer-secret", "query-secret", "svc");
    }

    @Test
    void notAUrlIsRejectedAtConstruction() {
        assertThatThrownBy(() -> new HttpDependencyHealthCheck(client, "tenant-service:8081"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
