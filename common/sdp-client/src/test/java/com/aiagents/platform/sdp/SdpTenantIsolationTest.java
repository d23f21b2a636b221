package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpClientFailuresTest.failureOf;
import static com.aiagents.platform.sdp.SdpTestSupport.API_KEY;
import static com.aiagents.platform.sdp.SdpTestSupport.fixture;
import static com.aiagents.platform.sdp.SdpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.sdp.resilience.SdpCircuitObserver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One tenant's broken or saturated SDP must not affect another tenant's calls. */
class SdpTenantIsolationTest {

    private static final String ID = "123640000000240013";

    @StartStop
    private final MockWebServer brokenSdp = new MockWebServer();
    @StartStop
    private final MockWebServer healthySdp = new MockWebServer();

    private final CountDownLatch release = new CountDownLatch(1);
    private SdpClientFactory factory;

    @AfterEach
    void close() {
        release.countDown();
        factory.close();
    }

    @Test
    void theCircuitOpensForTheFailingTenantOnly() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .retry(1, Duration.ZERO, Duration.ZERO)
                .circuitBreaker(4, 4, 50f, Duration.ofMinutes(1), 1)
                .build());
        brokenSdp.setDispatcher(always(json(500, "{}")));
        healthySdp.setDispatcher(always(json(200, fixture("request.json"))));
        SdpClient tenantA = factory.clientFor(SdpConnection.onPrem("tenant-a", brokenSdp.url("/").toString(), API_KEY));
        SdpClient tenantB = factory.clientFor(SdpConnection.onPrem("tenant-b", healthySdp.url("/").toString(), API_KEY));

        for (int i = 0; i < 4; i++) {
            assertThat(failureOf(() -> tenantA.getRequest(ID)).kind()).isEqualTo(SdpErrorKind.SERVER_ERROR);
        }
        SdpException rejected = failureOf(() -> tenantA.getRequest(ID));

        assertThat(rejected.kind()).isEqualTo(SdpErrorKind.CIRCUIT_OPEN);
        assertThat(rejected.getMessage()).contains("tenant 'tenant-a'", "open");
        assertThat(brokenSdp.getRequestCount()).as("an open circuit does not call SDP").isEqualTo(4);
        assertThat(tenantB.getRequest(ID).id()).isEqualTo(ID);
        assertThat(state("tenant-a")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(state("tenant-b")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theCircuitObserverHearsEachTenantsStatesAndWhenATenantIsForgotten() {
        List<String> heard = new CopyOnWriteArrayList<>();
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .retry(1, Duration.ZERO, Duration.ZERO)
                .circuitBreaker(2, 2, 50f, Duration.ofMinutes(1), 1)
                .build(), null, new SdpCircuitObserver() {
                    @Override
                    public void stateChanged(String tenantId, CircuitBreaker breaker) {
                        heard.add(tenantId + " " + breaker.getState());
                    }

                    @Override
                    public void forgotten(String tenantId) {
                        heard.add(tenantId + " forgotten");
                    }
                });
        brokenSdp.setDispatcher(always(json(503, "{}")));
        healthySdp.setDispatcher(always(json(200, fixture("request.json"))));
        SdpClient tenantA = factory.clientFor(SdpConnection.onPrem("tenant-a", brokenSdp.url("/").toString(), API_KEY));
        SdpClient tenantB = factory.clientFor(SdpConnection.onPrem("tenant-b", healthySdp.url("/").toString(), API_KEY));

        failureOf(() -> tenantA.getRequest(ID));
        failureOf(() -> tenantA.getRequest(ID));
        assertThat(tenantB.getRequest(ID).id()).isEqualTo(ID);
        factory.forget("tenant-a");
        factory.forget("tenant-a");

        assertThat(heard).containsExactly("tenant-a CLOSED", "tenant-b CLOSED", "tenant-a OPEN", "tenant-a forgotten");
    }

    @Test
    void notFoundAndBadRequestsDoNotOpenTheCircuit() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .circuitBreaker(4, 4, 50f, Duration.ofMinutes(1), 1)
                .build());
        brokenSdp.setDispatcher(always(json(200, fixture("error-not-found.json"))));
        SdpClient tenantA = factory.clientFor(SdpConnection.onPrem("tenant-a", brokenSdp.url("/").toString(), API_KEY));

        for (int i = 0; i < 6; i++) {
            assertThat(failureOf(() -> tenantA.getRequest(ID)).kind()).isEqualTo(SdpErrorKind.NOT_FOUND);
        }

        assertThat(state("tenant-a")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aSaturatedTenantIsTurnedAwayWhileAnotherIsServed() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .bulkhead(1, Duration.ZERO)
                .build());
        brokenSdp.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(30, TimeUnit.SECONDS);
                return json(200, fixture("request.json"));
            }
        });
        healthySdp.setDispatcher(always(json(200, fixture("request.json"))));
        SdpClient tenantA = factory.clientFor(SdpConnection.onPrem("tenant-a", brokenSdp.url("/").toString(), API_KEY));
        SdpClient tenantB = factory.clientFor(SdpConnection.onPrem("tenant-b", healthySdp.url("/").toString(), API_KEY));

        CompletableFuture<String> slowCall = CompletableFuture.supplyAsync(() -> tenantA.getRequest(ID).id());
        await().atMost(Duration.ofSeconds(10)).until(() -> brokenSdp.getRequestCount() == 1);

        assertThat(failureOf(() -> tenantA.getRequest(ID)).kind()).isEqualTo(SdpErrorKind.BULKHEAD_FULL);
        assertThat(tenantB.getRequest(ID).id()).isEqualTo(ID);
        release.countDown();
        assertThat(slowCall).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(ID);
    }

    private CircuitBreaker.State state(String tenantId) {
        return factory.resilienceOf(tenantId).orElseThrow().circuitBreaker().getState();
    }

    private static Dispatcher always(MockResponse response) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        };
    }
}
