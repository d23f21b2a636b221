package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantId;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner's own rules: one run per tenant, a bound per gate, a crashing gate fails with its reason. */
class GateRunnerTest {
    private static final TenantId TENANT = TenantId.of("acme-corp");
    private static final ObjectMapper JSON = JsonMapper.create();

    @StartStop
    private final MockWebServer tenantService = new MockWebServer();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final GateMetrics metrics = new GateMetrics(new CollectorRegistry());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aSecondRunForTheSameTenantIsRefusedWhileTheFirstRuns() throws Exception {
        answerRuntimeConfig(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean started = new AtomicBoolean();
        GateRunner runner = runner(Duration.ofSeconds(30), gate(1, context -> {
            started.set(true);
            release.await();
            return GateOutcome.pass("ok", Map.of());
        }));

        CompletableFuture<GateRun> first = CompletableFuture.supplyAsync(() -> runner.run(TENANT, List.of(1), false),
                executor);
        await().atMost(Duration.ofSeconds(10)).untilTrue(started);

        assertThatThrownBy(() -> runner.run(TENANT, List.of(1), false)).isInstanceOf(GateRunner.RunInProgress.class)
                .hasMessage("a gate run for tenant acme-corp is already in progress");
        release.countDown();
        assertThat(first.get().passed()).isTrue();
        assertThat(runner.run(TENANT, List.of(1), false).passed()).as("free again once the first ended").isTrue();
    }

    @Test
    void aGateThatOverrunsItsBoundFailsAsTimedOut() {
        answerRuntimeConfig(1);
        CountDownLatch never = new CountDownLatch(1);
        GateRunner runner = runner(Duration.ofMillis(200), gate(2, context -> {
            never.await();
            return GateOutcome.pass("unreachable", Map.of());
        }));

        GateResult result = runner.run(TENANT, List.of(2), false).results().get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("Gate timed out after 200 ms");
        assertThat(metrics.runs(2, "fail")).isEqualTo(1.0);
    }

    @Test
    void aGateThatThrowsFailsWithTheReasonButNeverAForeignMessage() {
        answerRuntimeConfig(2);
        GateRunner runner = runner(Duration.ofSeconds(30),
                gate(3, context -> {
                    throw new PeerCallException("POST http://127.0.0.1:8080/webhook/servicedesk failed: ConnectException");
                }),
                gate(4, context -> {
                    throw new IllegalStateException("jdbc:postgresql://app:hunter2@db/x refused");
                }));

        List<GateResult> results = runner.run(TENANT, List.of(3, 4), false).results();

        assertThat(results.get(0).summary()).isEqualTo(
                "Gate could not run: POST http://127.0.0.1:8080/webhook/servicedesk failed: ConnectException");
        assertThat(results.get(1).summary()).isEqualTo("Gate could not run: IllegalStateException");
    }

    @Test
    void anUnknownTenantAndAnUnknownGateAreRefused() {
        tenantService.enqueue(new MockResponse.Builder().code(404).body("{}").build());
        GateRunner runner = runner(Duration.ofSeconds(30), gate(1, context -> GateOutcome.pass("ok", Map.of())));

        assertThatThrownBy(() -> runner.run(TENANT, List.of(1), false)).isInstanceOf(GateRunner.TenantNotFound.class);
        assertThatThrownBy(() -> runner.run(TENANT, List.of(7), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no gate 7; gates are [1]");
    }

    private void answerRuntimeConfig(int times) {
        for (int i = 0; i < times; i++) {
            tenantService.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body("{\"tenant_id\":\"acme-corp\",\"status\":\"configured\",\"tier\":\"basic\"}").build());
        }
    }

    private GateRunner runner(Duration timeout, Gate... gates) {
        String url = tenantService.url("/").toString();
        PlatformServices services = new PlatformServices(new PeerHttp(new OkHttpClient(), JSON), JSON, url, url, url,
                url, "service-token-0123456789");
        return new GateRunner(List.of(gates), services, null, metrics, executor, timeout, Clock.systemUTC());
    }

    private static Gate gate(int number, Body body) {
        return new Gate() {
            @Override
            public int number() {
                return number;
            }

            @Override
            public String name() {
                return "Gate " + number;
            }

            @Override
            public GateOutcome run(GateContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    @FunctionalInterface
    private interface Body {
        GateOutcome run(GateContext context) throws Exception;
    }
}
